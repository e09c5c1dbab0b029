using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

/// <summary>The RADIUSdesk services as the host composes them (AddRadiusDesk), over the fixture's database.</summary>
internal sealed class RadiusDeskHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RadiusDeskHarness(string connectionString, IReadOnlyList<NasTarget>? nases = null, TimeSpan? cacheTtl = null,
        bool recordActions = false, VerifyMode verify = VerifyMode.None, TimeSpan? verifyTimeout = null, TimeProvider? time = null)
    {
        Options = new ProxyOptions
        {
            Nases = nases ?? [],
            RadiusDesk = new RadiusDeskOptions
            {
                ConnectionString = connectionString,
                CacheTtl = cacheTtl ?? TimeSpan.FromSeconds(30),
                RecordActions = recordActions,
                Verify = verify,
                VerifyTimeout = verifyTimeout ?? TimeSpan.FromSeconds(2),
            },
        };
        var collection = new ServiceCollection();
        collection.AddLogging(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        if (time is not null)
        {
            collection.AddSingleton(time);
        }

        collection.AddRadiusDesk(Options);
        _services = collection.BuildServiceProvider();
    }

    public ProxyOptions Options { get; }

    public CapturingLoggerProvider Logs { get; } = new();

    public ISessionDirectory Directory => _services.GetRequiredService<ISessionDirectory>();

    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public T? Find<T>() => _services.GetService<T>();

    /// <summary>What SIGHUP does with a changed radiusdesk section (the reloader calls every <see cref="IReloadableSection"/>).</summary>
    public void Reload(RadiusDeskOptions next)
    {
        foreach (IReloadableSection section in _services.GetServices<IReloadableSection>())
        {
            section.Apply(Options with { RadiusDesk = next });
        }
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
