using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

/// <summary>One private MariaDB with the RADIUSdesk schema for the whole "MariaDb" collection (start-up costs ~1–2 s).</summary>
public sealed class MariaDbFixture : IAsyncLifetime
{
    private MariaDbServer? _server;

    public MariaDbServer Server => _server ?? throw new InvalidOperationException("not started");

    public RadiusDeskSeeder Seeder => new(Server.ConnectionString);

    public async Task InitializeAsync() => _server = await MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
