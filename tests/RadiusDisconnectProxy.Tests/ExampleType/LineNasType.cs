using System.Data.Common;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.ExampleType;

/// <summary>
/// The example of docs/adding-a-nas-type.md: <c>nas box { type = Example-Line  ipaddr = …  line_port = 4000  token = … }</c>,
/// a NAS that takes one text command per UDP datagram. Disconnect only.
/// </summary>
internal sealed class LineNasType : NasType
{
    public const string TypeName = "Example-Line";

    /// <summary>The built-in types plus this one: what a build that ships it would have in <c>Drivers/NasTypes.cs</c>.</summary>
    public static NasTypes WithBuiltin { get; } = NasTypes.Builtin.With(new LineNasType());

    public override string Name => TypeName;

    public override IReadOnlyCollection<string> DatabaseAliases { get; } = ["Line"];

    public override NasCapabilities Capabilities => NasCapabilities.Disconnect;

    public override IReadOnlyCollection<string> ConfigKeys { get; } = ["line_port", "token"];

    public override NasSettings ReadSettings(NasSection nas)
    {
        if (nas.Addresses.Count == 0)
        {
            throw nas.Reader.BlockError($"{nas.Describe()} needs 'ipaddr': where its command port is");
        }

        return new LineNasSettings
        {
            CommandEndpoint = new IPEndPoint(nas.Addresses[0], nas.Reader.Int("line_port", 4000, 1, 65535)),
            Token = nas.Reader.RequiredString("token"),
        };
    }

    /// <summary>A RADIUSdesk row of type <c>Line</c>: the port and token from its settings rows.</summary>
    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(nasIp is null || row.Setting("line_token") is not { } token
            ? DatabaseMapping.Unusable($"{row.Source} needs a NAS address and a line_token setting")
            : DatabaseMapping.Of(new LineNasSettings
            {
                CommandEndpoint = new IPEndPoint(nasIp,
                    int.TryParse(row.Setting("line_port"), NumberStyles.None, CultureInfo.InvariantCulture, out int port) ? port : 4000),
                Token = token,
            }));

    public override string Describe(NasSettings settings) => $"line commands to {((LineNasSettings)settings).CommandEndpoint}";

    public override void AddServices(IServiceCollection services, ProxyOptions options) =>
        services.AddSingleton<INasDriver, LineDriver>();
}
