using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Coova;
using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RadiusDesk;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

[Trait("Category", "RealService")]
[Collection(MariaDbCollection.Name)]
public sealed class RadiusDeskSessionDirectoryTests(MariaDbFixture db) : IAsyncLifetime
{
    private RealisticInstall _install = null!;

    public async Task InitializeAsync()
    {
        await db.Seeder.ResetAsync();
        _install = await RealisticInstall.SeedAsync(db.Seeder);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UserNameOnly_FindsEveryOpenSessionWithItsNas()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        SessionLookupResult result = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "alice" }, default);

        Assert.Equal(SessionLookupStatus.Ok, result.Status);
        Assert.Equal([_install.AliceOnMesh, _install.AliceOnAp, _install.AliceOnMikrotik],
            result.Sessions.Select(s => s.Keys.RadAcctId!.Value));

        ResolvedSession mesh = result.Sessions[0];
        Assert.Equal("CoovaMeshdesk", mesh.Nas!.Type);
        Assert.Equal(_install.MeshNasIdentifier, mesh.Nas.NasIdentifier);
        var meshSettings = Assert.IsType<CoovaNasSettings>(mesh.Nas.Settings);
        Assert.Null(meshSettings.AccessPoint);
        Assert.Equal(
            [new MeshNode(_install.GatewayNode1, "C4-4B-D1-00-97-49", "CAMPUS-MESH"), new MeshNode(_install.GatewayNode2, "C4-4B-D1-00-97-4A", "CAMPUS-MESH")],
            meshSettings.Nodes);
        Assert.Equal("0C-C6-FD-7B-8B-AA", mesh.Keys.CallingStationId);
        Assert.Equal("5f3a1b2c00000001", mesh.Keys.AcctSessionId);
        Assert.Equal(IPAddress.Parse("10.1.0.23"), mesh.Keys.FramedIpAddress);

        ResolvedSession ap = result.Sessions[1];
        Assert.Equal("CoovaMeshdesk", ap.Nas!.Type);
        var apSettings = Assert.IsType<CoovaNasSettings>(ap.Nas.Settings);
        Assert.Empty(apSettings.Nodes);
        Assert.Equal(new AccessPoint(_install.ApId, "64-64-4A-DD-07-0F"), apSettings.AccessPoint);

        ResolvedSession mikrotik = result.Sessions[2];
        Assert.Equal("Mikrotik-API", mikrotik.Nas!.Type);
        Assert.StartsWith("radiusdesk:dynamic_clients#", mikrotik.Nas.Source, StringComparison.Ordinal);
        var mt = Assert.IsType<MikrotikNasSettings>(mikrotik.Nas.Settings);
        Assert.Equal("10.8.0.2", mt.ApiHost);
        Assert.True(mt.ApiTls);
        Assert.Equal(8729, mt.ApiPort); // mt_proto https turns the UI default 8728 into API-SSL 8729
        Assert.Equal("rdproxy", mt.ApiUsername);
        Assert.Equal(RealisticInstall.MikrotikPassword, mt.ApiPassword);
        Assert.Null(mt.CoaEndpoint); // dynamic clients have no secret
        Assert.Equal(IPAddress.Parse(RealisticInstall.MikrotikNasIp), mikrotik.Keys.NasIpAddress);
        Assert.Equal("bridge-hotspot", mikrotik.Keys.NasPortId);
    }

    [Fact]
    public async Task EveryKeyMustMatch()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var bySessionId = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "alice", AcctSessionId = "81d00005" }, default);
        var wrongPair = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "bob", AcctSessionId = "81d00005" }, default);
        var byIpAndNas = await harness.Directory.FindSessionsAsync(new SessionKeys
        {
            FramedIpAddress = IPAddress.Parse("10.6.0.9"), NasIdentifier = "hq", NasIpAddress = IPAddress.Parse(RealisticInstall.MikrotikNasIp),
        }, default);
        var wrongNas = await harness.Directory.FindSessionsAsync(new SessionKeys { UserName = "alice", NasIdentifier = "elsewhere" }, default);
        var closedOnly = await harness.Directory.FindSessionsAsync(new SessionKeys { AcctSessionId = "81d00001" }, default);

        Assert.Equal([_install.AliceOnMikrotik], bySessionId.Sessions.Select(s => s.Keys.RadAcctId!.Value));
        Assert.Empty(wrongPair.Sessions);
        Assert.Equal([_install.BobOnMikrotik], byIpAndNas.Sessions.Select(s => s.Keys.RadAcctId!.Value));
        Assert.Empty(wrongNas.Sessions);
        Assert.Equal(SessionLookupStatus.Ok, closedOnly.Status);
        Assert.Empty(closedOnly.Sessions);
    }

    [Fact]
    public async Task NasKeysAlone_SelectNothing()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { NasIdentifier = "hq", NasPort = 7 }, default);

        Assert.Equal(SessionLookupStatus.Ok, result.Status);
        Assert.Empty(result.Sessions);
    }

    [Theory]
    [InlineData("0C-C6-FD-7B-8B-AC")]
    [InlineData("0c:c6:fd:7b:8b:ac")]
    [InlineData("0cc6.fd7b.8bac")]
    [InlineData("0CC6FD7B8BAC")]
    [InlineData("0c-c6-fd-7b-8b-ac")]
    public async Task CallingStationId_MatchesInAnyMacNotation(string mac)
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var stored = await harness.Directory.FindSessionsAsync(new SessionKeys { CallingStationId = mac }, default);

        Assert.Equal([_install.AliceOnMikrotik], stored.Sessions.Select(s => s.Keys.RadAcctId!.Value));
        Assert.Equal("0C:C6:FD:7B:8B:AC", stored.Sessions[0].Keys.CallingStationId);
    }

    [Fact]
    public async Task CallingStationId_StoredWithDashes_FoundByColons()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString);

        var result = await harness.Directory.FindSessionsAsync(new SessionKeys { CallingStationId = "0c:c6:fd:7b:8b:aa" }, default);

        Assert.Equal([_install.AliceOnMesh], result.Sessions.Select(s => s.Keys.RadAcctId!.Value));
    }

    [Fact]
    public async Task SessionsAreNeverCached()
    {
        await using var harness = new RadiusDeskHarness(db.Server.ConnectionString, cacheTtl: TimeSpan.FromMinutes(10));
        var bob = new SessionKeys { UserName = "bob" };
        Assert.Single((await harness.Directory.FindSessionsAsync(bob, default)).Sessions);

        long second = await db.Seeder.AddSessionAsync(new RadAcctSeed
        {
            UserName = "bob", AcctSessionId = "81d00007", NasIdentifier = "hq", NasIpAddress = RealisticInstall.MikrotikNasIp,
        });
        Assert.Equal([_install.BobOnMikrotik, second], (await harness.Directory.FindSessionsAsync(bob, default)).Sessions.Select(s => s.Keys.RadAcctId!.Value));

        await db.Seeder.StopSessionAsync(_install.BobOnMikrotik);
        Assert.Equal([second], (await harness.Directory.FindSessionsAsync(bob, default)).Sessions.Select(s => s.Keys.RadAcctId!.Value));
    }
}
