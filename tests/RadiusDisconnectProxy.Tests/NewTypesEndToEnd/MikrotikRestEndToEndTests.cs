using System.Globalization;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// Issue 12 "Done when" for <c>type = Mikrotik-Rest-API</c> (docs/mikrotik-rest.md): radclient → the real executable →
/// RouterOS v7 REST served by the simulator. Every key, every session kind, the TLS checks and the failures, each answer
/// with its Error-Cause and before radclient's single try timed out. Every test makes its own sessions (unique users,
/// MACs and addresses) next to a neighbour that must survive.
/// </summary>
[Trait("Category", "RealService")]
public sealed class MikrotikRestEndToEndTests(MikrotikRestEndToEndFixture fixture) : IClassFixture<MikrotikRestEndToEndFixture>
{
    private RouterOsSimulator Router => fixture.Main;

    private ExecutableProxy Proxy => fixture.Proxy;

    [Theory]
    [InlineData("hotspot", "user")]
    [InlineData("hotspot", "mac-colons-lower")]
    [InlineData("hotspot", "mac-dashes-upper")]
    [InlineData("hotspot", "mac-cisco")]
    [InlineData("hotspot", "mac-bare")]
    [InlineData("hotspot", "ip")]
    [InlineData("ppp", "user")]
    [InlineData("ppp", "mac-colons-lower")]
    [InlineData("ppp", "mac-dashes-upper")]
    [InlineData("ppp", "mac-cisco")]
    [InlineData("ppp", "mac-bare")]
    [InlineData("ppp", "ip")]
    [InlineData("ppp", "session-id")]
    [InlineData("dhcp", "mac-dashes-upper")]
    [InlineData("dhcp", "mac-bare")]
    [InlineData("dhcp", "ip")]
    [InlineData("dhcp", "mac-as-user")]
    public async Task Disconnect_ByEveryKey_RemovesThatSessionOnly_Ack(string kind, string key)
    {
        Subscriber target = NewSubscriber(), neighbour = NewSubscriber();
        (SimulatedTable table, string targetId, string neighbourId) = kind switch
        {
            "hotspot" => (Router.HotspotActive, AddHotspot(target), AddHotspot(neighbour)),
            "ppp" => (Router.PppActive, AddPpp(target), AddPpp(neighbour)),
            _ => (Router.DhcpLeases, Router.AddDhcpLease(target.Mac, target.Ip), Router.AddDhcpLease(neighbour.Mac, neighbour.Ip)),
        };
        string attribute = key switch
        {
            "user" => $"User-Name = \"{target.User}\"",
            "mac-colons-lower" => $"Calling-Station-Id = \"{target.Mac.ToLowerInvariant()}\"",
            "mac-dashes-upper" => $"Calling-Station-Id = \"{target.Mac.Replace(':', '-')}\"",
            "mac-cisco" => $"Calling-Station-Id = \"{Cisco(target.Mac)}\"",
            "mac-bare" => $"Calling-Station-Id = \"{target.Mac.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant()}\"",
            "ip" => $"Framed-IP-Address = {target.Ip}",
            // RouterOS's DHCP server authenticates a lease with the client's MAC as User-Name.
            "mac-as-user" => $"User-Name = \"{target.Mac.Replace(':', '-')}\"",
            _ => $"Acct-Session-Id = \"{target.SessionId}\"",
        };
        if (kind == "dhcp" && key != "ip")
        {
            attribute += ", NAS-Port-Type = Ethernet";
        }

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7\", " + attribute);

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(table.Find(targetId));
        Assert.NotNull(table.Find(neighbourId));
        if (kind == "hotspot")
        {
            // The cookie goes with the session (remove_cookies defaults to yes), the neighbour's stays.
            Assert.Empty(Router.HotspotCookies.Where(c => c.GetValueOrDefault("user") == target.User));
            Assert.Single(Router.HotspotCookies.Where(c => c.GetValueOrDefault("user") == neighbour.User));
        }
    }

    [Fact]
    public async Task Disconnect_EveryMatchIsRemoved_HotspotAndPpp_Ack_AndTheAuditSaysHowMany()
    {
        Subscriber s = NewSubscriber(), second = NewSubscriber() with { User = s.User };
        string hotspot1 = AddHotspot(s), hotspot2 = AddHotspot(second), ppp = AddPpp(s with { Mac = second.Mac, Ip = second.Ip + "0" });

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(Router.HotspotActive.Find(hotspot1));
        Assert.Null(Router.HotspotActive.Find(hotspot2));
        Assert.Null(Router.PppActive.Find(ppp));
        await Proxy.WaitForLogAsync("removed 2 hotspot, 1 PPP and 0 DHCP sessions");
    }

    [Fact]
    public async Task Disconnect_DeleteAnswered200_IsSuccessToo_Ack()
    {
        Subscriber s = NewSubscriber();
        string id = fixture.Deletes200.AddPppSession(s.User, s.Mac, s.Ip, s.SessionId);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7ok200\", Acct-Session-Id = \"{s.SessionId}\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(fixture.Deletes200.PppActive.Find(id));
    }

    [Fact]
    public async Task Disconnect_MultipleSessionsReject_Nak508_NothingRemoved()
    {
        Subscriber s = NewSubscriber(), second = NewSubscriber() with { User = s.User };
        string first = AddHotspot(s), other = AddHotspot(second);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7reject\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Multiple-Session-Selection-Unsupported", answer.Attribute("Error-Cause"));
        Assert.NotNull(Router.HotspotActive.Find(first));
        Assert.NotNull(Router.HotspotActive.Find(other));
    }

    [Fact]
    public async Task Disconnect_NoSuchSession_Nak503()
    {
        Subscriber s = NewSubscriber();

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
    }

    [Fact]
    public async Task Disconnect_SessionGoneBetweenLookupAndDelete_404_IsAlreadyGone_Ack()
    {
        Subscriber s = NewSubscriber();
        string id = AddHotspot(s);
        string deleteTarget = "/rest/ip/hotspot/active/" + id;
        Router.Faults.HoldReplies();
        try
        {
            Task<(RadclientResult, TimeSpan)> answer = Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7\", User-Name = \"{s.User}\"");
            // Both lookups (hotspot and PPP) are in flight together.
            await WaitUntilAsync(() => Router.RecordedRestRequests.Count(r => r.Method == "GET" && r.Target.Contains(s.User, StringComparison.Ordinal)) >= 2);
            // Let the lookups through, hold what comes next (the DELETE), and log the user off meanwhile.
            Router.Faults.ReleaseReplies();
            Router.Faults.HoldReplies();
            await WaitUntilAsync(() => Router.RecordedRestRequests.Any(r => r.Method == "DELETE" && r.Target == deleteTarget));
            Assert.NotNull(Router.HotspotActive.Remove(id));
            Router.Faults.ReleaseReplies();
            (RadclientResult result, TimeSpan _) = await answer;

            Assert.True(result.ReplyCode == "Disconnect-ACK", result.ToString());
        }
        finally
        {
            Router.Faults.ReleaseReplies();
        }
    }

    [Fact]
    public async Task Disconnect_RouterRefusesTheRemove_ErrorBody_Nak504_WithTheRoutersTextInTheAudit()
    {
        Subscriber s = NewSubscriber();
        string id = AddHotspot(s);
        Router.Faults.RefuseRemove("/ip/hotspot/active/remove", "failure: session is locked by e2e");
        try
        {
            (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7\", User-Name = \"{s.User}\"");

            Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
            Assert.Equal("Session-Context-Not-Removable", answer.Attribute("Error-Cause"));
            Assert.NotNull(Router.HotspotActive.Find(id));
            await Proxy.WaitForLogAsync("failure: session is locked by e2e");
        }
        finally
        {
            Router.Faults.ClearRefusedRemoves();
        }
    }

    [Fact]
    public async Task Disconnect_OverPlainHttp_Ack_CredentialsOnEveryRequest()
    {
        Subscriber s = NewSubscriber();
        string id = AddPpp(s);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7http\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(Router.PppActive.Find(id));
        Assert.All(Router.RecordedRestRequests, r => Assert.True(r.HadCredentials, r.ToString()));
    }

    [Fact]
    public async Task Coa_WithCoaPortAndSecret_IsForwardedToRouterOsRadiusIncoming_Ack_QueueUntouched()
    {
        Subscriber s = NewSubscriber();
        AddHotspot(s);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("coa",
            $"NAS-Identifier = \"r7coa\", User-Name = \"{s.User}\", Mikrotik-Rate-Limit = \"128k/256k\"");

        Assert.True(answer.ReplyCode == "CoA-ACK", answer.ToString());
        Assert.Contains(fixture.RouterRadius.Received, p => p.UserName == s.User && p.Code == RadiusCode.CoaRequest);
        Assert.Equal("1000000/2000000", Router.FindQueue($"<hotspot-{s.User}>")?["max-limit"]);
    }

    [Fact]
    public async Task Coa_DynamicQueue_Ack_ThenNak401WhereRouterOsAnswersCanNotChangeDynamic()
    {
        Subscriber s = NewSubscriber(), locked = NewSubscriber();
        AddHotspot(s);
        AddPpp(locked);

        (RadclientResult applied, TimeSpan _) = await Proxy.RadclientAsync("coa",
            $"NAS-Identifier = \"r7\", User-Name = \"{s.User}\", Mikrotik-Rate-Limit = \"256k/512k\"");
        Router.Faults.RefuseDynamicQueueSet = true;
        RadclientResult refused;
        try
        {
            (refused, _) = await Proxy.RadclientAsync("coa", $"NAS-Identifier = \"r7\", User-Name = \"{locked.User}\", Mikrotik-Rate-Limit = \"256k/512k\"");
        }
        finally
        {
            Router.Faults.RefuseDynamicQueueSet = false;
        }

        Assert.True(applied.ReplyCode == "CoA-ACK", applied.ToString());
        Assert.Equal("256k/512k", Router.FindQueue($"<hotspot-{s.User}>")?["max-limit"]);
        Assert.True(refused.ReplyCode == "CoA-NAK", refused.ToString());
        Assert.Equal("Unsupported-Attribute", refused.Attribute("Error-Cause"));
        Assert.Equal("1000000/2000000", Router.FindQueue($"<pppoe-{locked.User}>")?["max-limit"]);
    }

    [Fact]
    public async Task Tls_SystemCaStoreAndHostName_Trusted_Ack()
    {
        Subscriber s = NewSubscriber();
        string id = fixture.Trusted.AddHotspotSession(s.User, s.Mac, s.Ip);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7ca\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(fixture.Trusted.HotspotActive.Find(id));
    }

    [Theory]
    [InlineData("r7badpin")]
    [InlineData("r7untrusted")]
    [InlineData("r7misnamed")]
    public async Task Tls_RefusedCertificate_Nak506_BeforeAnyRequest_SoNoCredentialsWereSent(string nas)
    {
        RouterOsSimulator router = nas == "r7misnamed" ? fixture.Misnamed : fixture.Refusing;
        Subscriber s = NewSubscriber();
        string id = router.AddHotspotSession(s.User, s.Mac, s.Ip);
        int connectionsBefore = router.RestConnectionCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"{nas}\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(router.RestConnectionCount > connectionsBefore, "the proxy never connected");
        // Not one HTTP request (so no Authorization header) reached this router, ever.
        Assert.Equal(0, router.RestRequestCount);
        Assert.Empty(router.RecordedRestRequests);
        Assert.NotNull(router.HotspotActive.Find(id));
    }

    [Fact]
    public async Task Tls_VerifyNo_AcceptsAnyCertificate_Ack_AndLogsAWarningNamingTheNas()
    {
        Subscriber s = NewSubscriber();
        string id = AddHotspot(s);

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7noverify\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Null(Router.HotspotActive.Find(id));
        string warning = Assert.Single(Proxy.LogLines("api_tls_verify = no", "r7noverify"));
        Assert.Contains("\"Warning\"", warning, StringComparison.Ordinal);
        Assert.Empty(Proxy.LogLines("api_tls_verify = no", "\"r7\""));
    }

    [Fact]
    public async Task BadCredentials_Nak506_Router401_NothingRemoved_WrongPasswordNeverLogged()
    {
        Subscriber s = NewSubscriber();
        string id = AddHotspot(s);
        int unauthorizedBefore = Router.RestUnauthorizedCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", $"NAS-Identifier = \"r7badpw\", User-Name = \"{s.User}\"");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(Router.RestUnauthorizedCount > unauthorizedBefore);
        Assert.NotNull(Router.HotspotActive.Find(id));
        Assert.DoesNotContain("not-the-password", Proxy.Log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RouterDown_ConnectionRefused_Nak506_WellBeforeTheClientGivesUp()
    {
        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7down\", User-Name = \"nobody\"", timeoutSeconds: 4);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(elapsed < TimeSpan.FromSeconds(4), elapsed.ToString());
    }

    [Fact]
    public async Task RouterHangs_AfterConnect_Nak506_AtTheRequestTimeout()
    {
        // Plain HTTP: connected at once, then no answer; the REST request timeout is 5 s (RADIUSdesk's own).
        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7hang\", User-Name = \"nobody\"", timeoutSeconds: 9);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(4.5), TimeSpan.FromSeconds(9));
    }

    [Fact]
    public async Task RouterHangs_InTheTlsHandshake_Nak506_AtTheConnectTimeout()
    {
        // The 2 s connect timeout covers TCP and the TLS handshake, so a router that never answers its ClientHello is
        // given up on quickly.
        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect", "NAS-Identifier = \"r7hangtls\", User-Name = \"nobody\"", timeoutSeconds: 6);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.InRange(elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6));
    }

    [Fact]
    public async Task Cli_SessionsKickByMacAndUser_NasTest_RealExecutable_SameConfig()
    {
        Subscriber hotspot = NewSubscriber(), ppp = NewSubscriber();
        string hotspotId = AddHotspot(hotspot), pppId = AddPpp(ppp);

        (int kickMac, string kickMacOutput, string kickMacError) = await RunCliAsync("sessions", "kick", "r7", "--mac", hotspot.Mac.Replace(':', '-').ToLowerInvariant());
        (int kickUser, string _, string kickUserError) = await RunCliAsync("sessions", "kick", "r7http", "--user", ppp.User);
        (int test, string testOutput, string testError) = await RunCliAsync("nas", "test", "r7");
        (int refused, string _, string refusedError) = await RunCliAsync("nas", "test", "r7badpin");

        Assert.True(kickMac == 0, kickMacError);
        Assert.Contains(hotspot.User, kickMacOutput, StringComparison.Ordinal);
        Assert.Null(Router.HotspotActive.Find(hotspotId));
        Assert.Empty(Router.HotspotCookies.Where(c => c.GetValueOrDefault("user") == hotspot.User));
        Assert.True(kickUser == 0, kickUserError);
        Assert.Null(Router.PppActive.Find(pppId));
        Assert.True(test == 0, testError);
        Assert.Contains(Router.RecordedRestRequests, r => r.Method == "GET" && r.Target == "/rest/system/resource");
        Assert.False(string.IsNullOrWhiteSpace(testOutput));
        Assert.True(refused == 1, $"exit {refused}: {refusedError}");
        Assert.Contains("certificate", refusedError, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, fixture.Refusing.RestRequestCount);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunCliAsync(params string[] args)
    {
        using var cli = new DaemonProcess([.. args, "--config", Proxy.ConfigPath]);
        return await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }

    private Subscriber NewSubscriber()
    {
        int n = fixture.Next();
        return new Subscriber(
            string.Create(CultureInfo.InvariantCulture, $"e2e-user-{n}"),
            string.Create(CultureInfo.InvariantCulture, $"02:E2:E0:{n / 256:X2}:{n % 256:X2}:0A"),
            string.Create(CultureInfo.InvariantCulture, $"10.{70 + (n / 250)}.{n % 250}.9"),
            string.Create(CultureInfo.InvariantCulture, $"0x8{n:X7}"));
    }

    private string AddHotspot(Subscriber s)
    {
        string id = Router.AddHotspotSession(s.User, s.Mac, s.Ip);
        Router.AddHotspotCookie(s.User, s.Mac);
        return id;
    }

    private string AddPpp(Subscriber s) => Router.AddPppSession(s.User, s.Mac, s.Ip, s.SessionId);

    private static string Cisco(string mac)
    {
        string hex = mac.Replace(":", "", StringComparison.Ordinal).ToLowerInvariant();
        return $"{hex[..4]}.{hex[4..8]}.{hex[8..]}";
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (int i = 0; i < 500 && !condition(); i++)
        {
            await Task.Delay(20);
        }

        Assert.True(condition(), "not reached within 10 s");
    }

    private sealed record Subscriber(string User, string Mac, string Ip, string SessionId);
}
