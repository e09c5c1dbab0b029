using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>
/// The NAS type of <see cref="TestDriver"/>: Disconnect and CoA, nothing else, no keys of its own. Registered like any
/// type, through the list (<see cref="All"/>); the harness registers the driver instance itself.
/// </summary>
internal sealed class TestNasType : NasType
{
    /// <summary>The built-in types plus this one.</summary>
    public static NasTypes All { get; } = NasTypes.Builtin.With(new TestNasType());

    public override string Name => TestDriver.TypeName;

    public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

    public override IReadOnlyCollection<string> ConfigKeys => [];

    public override NasSettings ReadSettings(NasSection section) => new TestNasSettings();

    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DatabaseMapping.Of(new TestNasSettings()));

    public override string Describe(NasSettings settings) => "test driver";

    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
    }
}
