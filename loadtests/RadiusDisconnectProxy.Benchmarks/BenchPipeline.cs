using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Benchmarks;

/// <summary>
/// What the request-path benchmarks share: one client and one NAS of a benchmark type whose driver answers ACK at once,
/// answers sent nowhere, and signed Disconnect-Requests built with the project's codec.
/// </summary>
internal static class BenchPipeline
{
    public const string Secret = "testing123";

    /// <summary>The pipeline's services with audit logging off; <paramref name="extra"/> adds what a benchmark compares.</summary>
    public static ServiceProvider Create(Action<IServiceCollection>? extra = null)
    {
        var options = new ProxyOptions
        {
            Clients = [new ClientOptions { Name = "bench", Networks = [IPNetwork.Parse("127.0.0.0/8")], Secret = Secret, Security = new SecurityOptions() }],
            Nases = [new NasTarget { Name = "nas1", Type = "bench", NasIdentifier = "nas1", Settings = new BenchNasSettings() }],
            AuditEnabled = false,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(NasTypes.Builtin.With(new BenchNasType()));
        services.AddSingleton<INasDriver>(new AckDriver());
        extra?.Invoke(services);
        services.AddPipeline(options);
        return services.BuildServiceProvider();
    }

    public static byte[] Build(byte identifier, string user, string secret)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, identifier);
        writer.AddMessageAuthenticator();
        writer.AddString(RadiusAttributeType.UserName, user);
        writer.AddString(RadiusAttributeType.NasIdentifier, "nas1");
        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), new SharedSecret(secret));
        return buffer[..length];
    }

    internal sealed class NullTransport : IAnswerTransport
    {
        public void Send(ReadOnlySpan<byte> answer, SocketAddress destination)
        {
        }
    }

    internal sealed class AckDriver : INasDriver
    {
        public string Type => "bench";

        public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DriverResult.Ack());
    }

    internal sealed record BenchNasSettings : NasSettings;

    /// <summary>The benchmark's NAS type, registered through the list like any other (docs/adding-a-nas-type.md).</summary>
    internal sealed class BenchNasType : NasType
    {
        public override string Name => "bench";

        public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

        public override IReadOnlyCollection<string> ConfigKeys => [];

        public override NasSettings ReadSettings(Configuration.Validation.NasSection section) => new BenchNasSettings();

        public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, System.Net.IPAddress? nasIp,
            System.Data.Common.DbConnection connection, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DatabaseMapping.Of(new BenchNasSettings()));

        public override string Describe(NasSettings settings) => "bench";

        public override void AddServices(IServiceCollection services, ProxyOptions options)
        {
        }
    }
}
