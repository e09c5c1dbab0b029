using System.Net;
using System.Text.Json;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>The console's JSON API against the real daemon: sessions, cross-site refusal, disconnects through the driver, no secrets.</summary>
[Trait("Category", "RealService")]
public sealed class ConsoleApiTests(ConsoleApiFixture fixture) : IClassFixture<ConsoleApiFixture>
{
    public static TheoryData<string, string> ApiCalls => new()
    {
        { "POST", "/api/logout" },
        { "GET", "/api/nases" },
        { "POST", "/api/nases/hq/test" },
        { "GET", "/api/nases/hq/sessions" },
        { "POST", "/api/nases/hq/kick" },
        { "POST", "/api/kick" },
        { "GET", "/api/requests?limit=5" },
        { "GET", "/api/stats" },
    };

    [Theory]
    [MemberData(nameof(ApiCalls))]
    public async Task EveryCallButLogin_WithoutASession_Is401(string method, string path)
    {
        using var client = new ConsoleClient(fixture.Daemon.ConsoleUrl);
        using HttpResponseMessage response = method == "GET" ? await client.GetAsync(path) : await client.PostAsync(path, new { user = "dave" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single(fixture.Router.HotspotActive.Where(r => r["user"] == "dave"));
    }

    [Fact]
    public async Task Login_Gives204AndAnHttpOnlySameSiteStrictCookie_WrongPasswordGives401()
    {
        using var client = new ConsoleClient(fixture.Daemon.ConsoleUrl);
        using HttpResponseMessage ok = await client.LoginAsync(ConsoleDaemon.User, ConsoleDaemon.Password);
        Assert.Equal(HttpStatusCode.NoContent, ok.StatusCode);
        string cookie = Assert.Single(ok.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=", cookie, StringComparison.OrdinalIgnoreCase);

        using HttpResponseMessage nases = await client.GetAsync("/api/nases");
        Assert.Equal(HttpStatusCode.OK, nases.StatusCode);

        using HttpResponseMessage logout = await client.PostAsync("/api/logout");
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        using HttpResponseMessage after = await client.GetAsync("/api/nases");
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);

        using var other = new ConsoleClient(fixture.Daemon.ConsoleUrl);
        using HttpResponseMessage wrong = await other.LoginAsync(ConsoleDaemon.User, "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.False(wrong.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task CrossSitePost_IsRefused_AndChangesNothing()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();
        // What another site can make a browser send: the cookie, but not our header (no CORS preflight is ever answered).
        using var crossSite = new ConsoleClient(fixture.Daemon.ConsoleUrl, sameOriginHeader: false);
        foreach (Cookie cookie in client.Cookies.GetAllCookies())
        {
            crossSite.Cookies.Add(cookie);
        }

        using HttpResponseMessage noHeader = await crossSite.PostAsync("/api/nases/hq/kick", new { user = "heidi" },
            new Dictionary<string, string> { ["Origin"] = "http://evil.example", ["Sec-Fetch-Site"] = "cross-site" });
        using HttpResponseMessage foreignOrigin = await client.PostAsync("/api/nases/hq/kick", new { user = "heidi" },
            new Dictionary<string, string> { ["Origin"] = "http://evil.example" });
        using HttpResponseMessage fetchMetadata = await client.PostAsync("/api/kick", new { user = "heidi" },
            new Dictionary<string, string> { ["Sec-Fetch-Site"] = "cross-site" });
        using HttpResponseMessage loginCsrf = await crossSite.LoginAsync(ConsoleDaemon.User, ConsoleDaemon.Password);

        Assert.Equal(HttpStatusCode.Forbidden, noHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fetchMetadata.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, loginCsrf.StatusCode);
        Assert.Single(fixture.Router.HotspotActive.Where(r => r["user"] == "heidi"));
        // Same origin, same session: allowed.
        using HttpResponseMessage sameOrigin = await client.GetAsync("/api/nases");
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
    }

    [Fact]
    public async Task KickByUser_GoesThroughTheDriver_IsAuditedWithTheConsoleUser_AndShowsInTheFeed()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();

        using HttpResponseMessage response = await client.PostAsync("/api/nases/hq/kick", new { user = "dave" });
        JsonElement body = await ConsoleClient.JsonAsync(response);

        Assert.Equal("ack", body.GetProperty("result").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("error_cause").ValueKind);
        Assert.Empty(fixture.Router.HotspotActive.Where(r => r["user"] == "dave"));
        JsonElement newest = (await ConsoleClient.JsonAsync(await client.GetAsync("/api/requests?limit=50")))
            .EnumerateArray().First(e => e.GetProperty("user").GetString() == "dave");
        Assert.Equal("console:admin", newest.GetProperty("source").GetString());
        Assert.Equal("hq", newest.GetProperty("nas").GetString());
        Assert.Equal("ack", newest.GetProperty("result").GetString());
        await WaitForAsync(() => fixture.Daemon.Output.Contains("\"Client\":\"console:admin\"", StringComparison.Ordinal)
            && fixture.Daemon.Output.Contains("\"UserName\":\"dave\"", StringComparison.Ordinal));

        // The same session again: the router no longer has it, so the driver answers 503 like for a DAC.
        JsonElement again = await ConsoleClient.JsonAsync(await client.PostAsync("/api/nases/hq/kick", new { user = "dave" }));
        Assert.Equal("nak", again.GetProperty("result").GetString());
        Assert.Equal(503u, again.GetProperty("error_cause").GetUInt32());
    }

    [Fact]
    public async Task KickEverywhere_RemovesEverySessionOfTheUser_UnknownUserIs503()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();

        JsonElement body = await ConsoleClient.JsonAsync(await client.PostAsync("/api/kick", new { user = "erin" }));
        JsonElement none = await ConsoleClient.JsonAsync(await client.PostAsync("/api/kick", new { user = "nobody-at-all" }));

        Assert.Equal("ack", body.GetProperty("result").GetString());
        Assert.Empty(fixture.Router.HotspotActive.Where(r => r["user"] == "erin"));
        Assert.Empty(fixture.Router.PppActive.Where(r => r["name"] == "erin"));
        Assert.Equal("nak", none.GetProperty("result").GetString());
        Assert.Equal(503u, none.GetProperty("error_cause").GetUInt32());
    }

    [Fact]
    public async Task KickOnAnRfc5176Nas_IsForwardedAsASignedDisconnectRequest_AndItsAnswerRelayed()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();
        fixture.Nas.ClearRecorded();

        JsonElement ack = await ConsoleClient.JsonAsync(await client.PostAsync("/api/nases/bras1/kick", new { user = "ivan" }));
        fixture.Nas.Behavior = new TestSupport.Nas.NasSimulatorBehavior { NakErrorCause = ErrorCause.SessionContextNotFound };
        JsonElement nak = await ConsoleClient.JsonAsync(await client.PostAsync("/api/nases/bras1/kick", new { user = "judy" }));
        fixture.Nas.Behavior = TestSupport.Nas.NasSimulatorBehavior.Ack;

        Assert.Equal("ack", ack.GetProperty("result").GetString());
        Assert.Equal("nak", nak.GetProperty("result").GetString());
        Assert.Equal(503u, nak.GetProperty("error_cause").GetUInt32());
        TestSupport.Nas.NasReceivedPacket first = fixture.Nas.Received[0];
        Assert.Equal(RadiusDisconnectProxy.Radius.Packets.RadiusCode.DisconnectRequest, first.Code);
        Assert.Equal("ivan", first.UserName);
        Assert.Equal("bras-1", first.NasIdentifier);
        Assert.True(first.HasMessageAuthenticator);
        Assert.NotNull(first.EventTimestamp);
        Assert.Equal(0, fixture.Nas.BadAuthenticatorCount);
    }

    [Fact]
    public async Task KickBody_NeedsExactlyOneKey()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();
        using HttpResponseMessage two = await client.PostAsync("/api/nases/hq/kick", new { user = "heidi", mac = "0C:C6:FD:00:00:03" });
        using HttpResponseMessage badIp = await client.PostAsync("/api/nases/hq/kick", new { ip = "10.5.50.999" });
        using HttpResponseMessage unknownNas = await client.PostAsync("/api/nases/nope/kick", new { user = "heidi" });

        Assert.Equal(HttpStatusCode.BadRequest, two.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badIp.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownNas.StatusCode);
        Assert.Single(fixture.Router.HotspotActive.Where(r => r["user"] == "heidi"));
    }

    [Fact]
    public async Task NasesTestSessionsAndStats_Answer_AndNoSecretReachesAResponseAPageOrTheLog()
    {
        using ConsoleClient client = await fixture.LoggedInAsync();
        using var failed = new ConsoleClient(fixture.Daemon.ConsoleUrl);
        (await failed.LoginAsync(ConsoleDaemon.User, "typo " + ConsoleDaemon.Password)).Dispose();

        string nases = await (await client.GetAsync("/api/nases")).Content.ReadAsStringAsync();
        string test = await (await client.PostAsync("/api/nases/hq/test")).Content.ReadAsStringAsync();
        string sessions = await (await client.GetAsync("/api/nases/hq/sessions")).Content.ReadAsStringAsync();
        string stats = await (await client.GetAsync("/api/stats")).Content.ReadAsStringAsync();
        string requests = await (await client.GetAsync("/api/requests?limit=1000")).Content.ReadAsStringAsync();
        string page = await (await client.GetAsync("/")).Content.ReadAsStringAsync();
        string script = await (await client.GetAsync("/assets/app.js")).Content.ReadAsStringAsync();

        using JsonDocument nasList = JsonDocument.Parse(nases);
        Assert.Contains(nasList.RootElement.EnumerateArray(), n => n.GetProperty("name").GetString() == "hq" && n.GetProperty("type").GetString() == "Mikrotik-API");
        Assert.True(JsonDocument.Parse(test).RootElement.GetProperty("ok").GetBoolean(), test);
        Assert.Contains("heidi", sessions, StringComparison.Ordinal);
        Assert.Equal(60, JsonDocument.Parse(stats).RootElement.GetProperty("minutes").GetArrayLength());
        Assert.Contains("RadiusDisconnectProxy", page, StringComparison.Ordinal);

        string log = fixture.Daemon.Output;
        foreach (string secret in new[] { "router-pass-93b2", "nas-secret-77e0", ConsoleDaemon.ClientSecret, ConsoleDaemon.Password, fixture.Daemon.PasswordHash.Split('$')[^1] })
        {
            foreach ((string what, string text) in new[] { ("nases", nases), ("test", test), ("sessions", sessions), ("stats", stats), ("requests", requests), ("page", page), ("script", script), ("log", log) })
            {
                Assert.False(text.Contains(secret, StringComparison.Ordinal), $"a secret is in {what}");
            }
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (int i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }

        Assert.True(condition());
    }
}
