using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

[Trait("Category", "RealService")]
[Collection(MariaDbCollection.Name)]
public sealed class RadiusDeskNasResolutionTests(MariaDbFixture db) : IAsyncLifetime
{
    public Task InitializeAsync() => db.Seeder.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task NasTable_ByNasIdentifier_ForwardsWithSecretAndCoaPort()
    {
        await db.Seeder.AddNasAsync("203.0.113.7", "bras-1", "Juniper", "juniper-secret", coaPort: 3800);
        await AddSessionAsync("carol", "bras-1", "192.0.2.20");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        NasTarget nas = await FindSingleNasAsync(harness, "carol");

        Assert.Equal("other", nas.Type);
        Assert.StartsWith("radiusdesk:nas#", nas.Source, StringComparison.Ordinal);
        var forwarding = Assert.IsType<ForwardingNasSettings>(nas.Settings);
        // RADIUSdesk sends to the NAS-IP-Address the NAS reported, on nas.coa_port, with nas.secret.
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.20"), 3800), forwarding.CoaEndpoint);
        Assert.Equal("juniper-secret", forwarding.Secret);
    }

    [Fact]
    public async Task NasTable_ByNasNameWhenNoNasIdentifier()
    {
        await db.Seeder.AddNasAsync("192.0.2.30", "", "Cisco-COA", "cisco-secret");
        await AddSessionAsync("dave", "", "192.0.2.30");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        NasTarget nas = await FindSingleNasAsync(harness, "dave");

        var forwarding = Assert.IsType<ForwardingNasSettings>(nas.Settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.30"), 3799), forwarding.CoaEndpoint);
        Assert.Equal("cisco-secret", forwarding.Secret);
        Assert.Null(nas.NasIdentifier);
    }

    [Fact]
    public async Task NasTable_MikrotikApi_CredentialsFromNaSettings()
    {
        await db.Seeder.AddNasAsync("192.0.2.40", "branch", "Mikrotik-API", "branch-secret", settings: new Dictionary<string, string>
        {
            ["mt_proto"] = "http", ["mt_host"] = "10.9.0.2", ["mt_port"] = "18728", ["mt_user"] = "api", ["mt_pass"] = "pw",
        });
        await AddSessionAsync("erin", "branch", "192.0.2.40");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        NasTarget nas = await FindSingleNasAsync(harness, "erin");

        var mt = Assert.IsType<MikrotikNasSettings>(nas.Settings);
        Assert.Equal(("10.9.0.2", 18728, false, "api", "pw"), (mt.ApiHost, mt.ApiPort, mt.ApiTls, mt.ApiUsername, mt.ApiPassword));
        // A nas row has a secret: rate-change CoAs can go to RouterOS's own RADIUS incoming service.
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.40"), 3799), mt.CoaEndpoint);
        Assert.Equal("branch-secret", mt.Secret);
    }

    [Fact]
    public async Task DynamicClientOther_ForwardsWithRadiusDeskDynamicSecret()
    {
        await db.Seeder.AddDynamicClientAsync("Some NAS", "dyn-1", "other");
        await AddSessionAsync("frank", "dyn-1", "192.0.2.50");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        NasTarget nas = await FindSingleNasAsync(harness, "frank");

        var forwarding = Assert.IsType<ForwardingNasSettings>(nas.Settings);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.50"), 3799), forwarding.CoaEndpoint);
        Assert.Equal("testing123", forwarding.Secret);
    }

    [Fact]
    public async Task DynamicClientWins_UnusableTypeFallsBackToNasTable()
    {
        await db.Seeder.AddDynamicClientAsync("Omada", "mixed", "Omada");
        await db.Seeder.AddNasAsync("192.0.2.60", "mixed", "other", "nas-secret");
        await db.Seeder.AddDynamicClientAsync("Preferred", "both", "other");
        await db.Seeder.AddNasAsync("192.0.2.61", "both", "Juniper", "ignored");
        await AddSessionAsync("gina", "mixed", "192.0.2.60");
        await AddSessionAsync("hank", "both", "192.0.2.61");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        NasTarget fallback = await FindSingleNasAsync(harness, "gina");
        NasTarget preferred = await FindSingleNasAsync(harness, "hank");

        Assert.Equal("nas-secret", Assert.IsType<ForwardingNasSettings>(fallback.Settings).Secret);
        Assert.StartsWith("radiusdesk:dynamic_clients#", preferred.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Omada")]
    [InlineData("Unifi")]
    public async Task TypesTheProxyCannotActOn_ResolveToNoNas(string type)
    {
        await db.Seeder.AddDynamicClientAsync("x", "nasx", type);
        await AddSessionAsync("ivan", "nasx", "192.0.2.70");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "ivan" }, default);

        Assert.Null(Assert.Single(result.Sessions).Nas);
        Assert.Contains(harness.Logs.Lines, l => l.Contains("6103", StringComparison.Ordinal) && l.Contains(type, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MeshWithoutGatewayNodes_ResolvesToNoNas()
    {
        long mesh = await db.Seeder.AddMeshAsync("Dark", "dark");
        string nasId = await db.Seeder.AddCaptivePortalExitAsync(mesh);
        await db.Seeder.AddNodeAsync(mesh, "relay", "AA-BB-CC-00-00-01", "none");
        await db.Seeder.AddDynamicClientAsync("MESHdesk_Dark", nasId, "CoovaMeshdesk");
        await AddSessionAsync("judy", nasId, "10.1.0.1");
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "judy" }, default);

        Assert.Null(Assert.Single(result.Sessions).Nas);
    }

    [Fact]
    public async Task ConfigEntryWinsOverDatabase_ByNasIdentifierAndByAddress()
    {
        RealisticInstall install = await RealisticInstall.SeedAsync(db.Seeder);
        await db.Seeder.AddNasAsync("192.0.2.80", "", "other", "db-secret");
        await AddSessionAsync("alice", "", "192.0.2.80");
        var byIdentifier = new NasTarget
        {
            Name = "hq-from-file", Type = "Mikrotik-API", NasIdentifier = "hq",
            Settings = new MikrotikNasSettings { ApiHost = "127.0.0.1", ApiUsername = "file", ApiPassword = "file" },
        };
        var byAddress = new NasTarget
        {
            Name = "bras-from-file", Type = "other", Addresses = [IPAddress.Parse("192.0.2.80")],
            Settings = new ForwardingNasSettings { CoaEndpoint = new IPEndPoint(IPAddress.Loopback, 3799), Secret = "file-secret" },
        };
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, nases: [byIdentifier, byAddress]);

        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "alice" }, default);

        Assert.Same(byIdentifier, result.Sessions.Single(s => s.Keys.RadAcctId == install.AliceOnMikrotik).Nas);
        Assert.Same(byAddress, result.Sessions.Single(s => s.Keys.NasIpAddress?.ToString() == "192.0.2.80").Nas);
        Assert.Equal("CoovaMeshdesk", result.Sessions.Single(s => s.Keys.RadAcctId == install.AliceOnMesh).Nas!.Type);
    }

    [Fact]
    public async Task NasDataIsCachedForCacheTtl()
    {
        long client = await db.Seeder.AddDynamicClientAsync("Cached", "cached", "Mikrotik-API",
            new Dictionary<string, string> { ["mt_host"] = "10.0.0.1", ["mt_user"] = "before" });
        await AddSessionAsync("kate", "cached", "192.0.2.90");
        var clock = new ManualTimeProvider();
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, cacheTtl: TimeSpan.FromSeconds(30), time: clock);
        Assert.Equal("before", await MikrotikUserAsync(harness));

        await using (var connection = await db.Server.OpenConnectionAsync())
        {
            await using var update = new MySqlConnector.MySqlCommand(
                "UPDATE dynamic_client_settings SET value = 'after' WHERE dynamic_client_id = @id AND name = 'mt_user'", connection);
            update.Parameters.AddWithValue("@id", client);
            await update.ExecuteNonQueryAsync();
        }

        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal("before", await MikrotikUserAsync(harness));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("after", await MikrotikUserAsync(harness));

        static async Task<string> MikrotikUserAsync(RadiusDeskHarness harness) =>
            Assert.IsType<MikrotikNasSettings>((await FindSingleNasAsync(harness, "kate")).Settings).ApiUsername;
    }

    private static async Task<NasTarget> FindSingleNasAsync(RadiusDeskHarness harness, string user)
    {
        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = user }, default);
        Assert.Equal(SessionLookupStatus.Ok, result.Status);
        return Assert.Single(result.Sessions).Nas ?? throw new Xunit.Sdk.XunitException("no NAS resolved");
    }

    private Task<long> AddSessionAsync(string user, string nasIdentifier, string nasIp) => db.Seeder.AddSessionAsync(new RadAcctSeed
    {
        UserName = user, AcctSessionId = user + "-1", NasIdentifier = nasIdentifier, NasIpAddress = nasIp,
        CallingStationId = "00-11-22-33-44-55", CalledStationId = "ssid", FramedIpAddress = "10.9.9.9",
    });
}
