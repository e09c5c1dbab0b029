using RadiusDisconnectProxy.TestSupport.RadiusDesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>A private MariaDB with the RADIUSdesk schema and a private mosquitto for the MESHdesk/APdesk nodes.</summary>
public sealed class RadiusDeskIntegrationFixture : IAsyncLifetime
{
    private MariaDbServer? _database;

    public MosquittoFixture Mqtt { get; } = new();

    public MariaDbServer Database => _database ?? throw new InvalidOperationException("not started");

    public RadiusDeskSeeder Seeder => new(Database.ConnectionString);

    public async Task InitializeAsync()
    {
        Task<MariaDbServer> database = MariaDbServer.StartNewAsync(RadiusDeskSchema.Sql);
        await Mqtt.InitializeAsync();
        _database = await database;
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        await Mqtt.DisposeAsync();
    }
}
