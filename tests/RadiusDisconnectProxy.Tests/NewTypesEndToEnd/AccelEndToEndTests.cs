using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// One real proxy executable and two accel-ppp <c>dae-server</c> stand-ins for <see cref="AccelEndToEndTests"/>:
/// <c>accel1</c> on 127.0.0.1 (its nas-identifier is accel1), <c>accel2</c> on 127.0.0.2 (its nas-identifier is "accel-other",
/// so a request naming accel2 gets its NAK 403), <c>acceldown</c> on 127.0.0.3 (a UDP port nobody answers on, short RFC 5080
/// timers), <c>accelsilent</c> on 127.0.0.4 (a bound socket that never answers). A NAS's ipaddr must be its own, hence
/// four loopback addresses.
/// </summary>
public sealed class AccelEndToEndFixture : IAsyncLifetime
{
    public const string DaeSecret = "accel-dae-secret";

    private readonly System.Net.Sockets.UdpClient _silent = new(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 0));
    private ExecutableProxy? _proxy;
    private int _next;

    public AccelDaeSimulator Accel1 { get; } = AccelDaeSimulator.Start(DaeSecret);

    public AccelDaeSimulator Accel2 { get; } = AccelDaeSimulator.Start(DaeSecret, IPAddress.Parse("127.0.0.2"));

    internal ExecutableProxy Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public int Next() => Interlocked.Increment(ref _next);

    /// <summary>Datagrams waiting on the silent dae-server's socket (it never reads or answers them).</summary>
    public int SilentReceived() => _silent.Available > 0 ? DrainCount() : 0;

    private int DrainCount()
    {
        int count = 0;
        var from = new IPEndPoint(IPAddress.Any, 0);
        while (_silent.Available > 0)
        {
            _silent.Receive(ref from);
            count++;
        }

        return count;
    }

    public async Task InitializeAsync()
    {
        Accel1.NasIdentifier = "accel1";
        Accel2.NasIdentifier = "accel-other";
        int down = DaemonProcess.FreeUdpPort();
        _proxy = await ExecutableProxy.StartAsync(string.Create(CultureInfo.InvariantCulture, $$"""
            mqtt { mode = off }
            nas accel1 { type = AccelRadiusdesk  nasidentifier = accel1  ipaddr = 127.0.0.1  dae_port = {{Accel1.Endpoint.Port}}  secret = {{DaeSecret}} }
            nas accel2 { type = AccelRadiusdesk  nasidentifier = accel2  ipaddr = 127.0.0.2  dae_port = {{Accel2.Endpoint.Port}}  secret = {{DaeSecret}} }
            nas acceldown { type = AccelRadiusdesk  nasidentifier = acceldown  ipaddr = 127.0.0.3  dae_port = {{down}}  secret = {{DaeSecret}}
                             irt = 200ms  mrc = 2  mrd = 2s }
            nas accelsilent { type = AccelRadiusdesk  nasidentifier = accelsilent  ipaddr = 127.0.0.4  dae_port = {{((IPEndPoint)_silent.Client.LocalEndPoint!).Port}}
                              secret = {{DaeSecret}}  irt = 300ms  mrc = 2  mrd = 2s }

            """));
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await Accel1.DisposeAsync();
        await Accel2.DisposeAsync();
        _silent.Dispose();
    }
}

/// <summary>
/// Issue 12 "Done when" for <c>type = AccelRadiusdesk</c> with <c>dae_port</c> (docs/accel-ppp.md): radclient → the real
/// executable → accel-ppp's dae-server stand-in, whose answers carry no Message-Authenticator and no Proxy-State; ours
/// carry both (radclient checks the Message-Authenticator). The database path: <see cref="RadiusDeskNewTypesEndToEndTests"/>.
/// </summary>
[Trait("Category", "RealService")]
public sealed class AccelEndToEndTests(AccelEndToEndFixture fixture) : IClassFixture<AccelEndToEndFixture>
{
    private ExecutableProxy Proxy => fixture.Proxy;

    [Theory]
    [InlineData("sid")]
    [InlineData("user+sid")]
    [InlineData("ip")]
    [InlineData("user+ip")]
    [InlineData("mac")]
    public async Task Disconnect_ByKey_AccelAnswersWithoutMessageAuthenticator_Ack_WithTheClientsProxyState(string keys)
    {
        (AccelSession target, AccelSession neighbour) = (NewSession(), NewSession());
        string attributes = keys switch
        {
            "sid" => $"Acct-Session-Id = \"{target.SessionId}\"",
            "user+sid" => $"User-Name = \"{target.UserName}\", Acct-Session-Id = \"{target.SessionId}\"",
            "ip" => $"Framed-IP-Address = {target.Address}",
            "user+ip" => $"User-Name = \"{target.UserName}\", Framed-IP-Address = {target.Address}",
            _ => $"Calling-Station-Id = \"{target.CallingStationId}\"",
        };
        int before = fixture.Accel1.Received.Count;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"accel1\", Proxy-State = 0x6532652d7073, " + attributes);

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(["0x6532652d7073"], answer.AttributeValues("Proxy-State"));
        Assert.Single(answer.AttributeValues("Message-Authenticator"));
        Assert.DoesNotContain(fixture.Accel1.Sessions, s => s.SessionId == target.SessionId);
        Assert.Contains(fixture.Accel1.Sessions, s => s.SessionId == neighbour.SessionId);
        AccelReceivedRequest seen = fixture.Accel1.Received[before];
        Assert.Equal((byte)41, seen.AnswerCode);
        // Forwarded with our Message-Authenticator (Blast-RADIUS hardening, docs/forwarding.md) though radclient sent none.
        Assert.True(seen.HadMessageAuthenticator);
    }

    [Theory]
    [InlineData("User-Name = \"{0}\"")]
    [InlineData("Acct-Session-Id = \"no-such-sid\"")]
    public async Task Disconnect_NoSuchSession_Nak503_FromAccel_Relayed(string keys)
    {
        AccelSession session = NewSession();

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"accel1\", " + string.Format(CultureInfo.InvariantCulture, keys, session.UserName));

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Session-Context-Not-Found", answer.Attribute("Error-Cause"));
        Assert.Contains(fixture.Accel1.Sessions, s => s.SessionId == session.SessionId);
    }

    [Fact]
    public async Task Disconnect_NasIdentityMismatch_Nak403_Relayed_WithProxyState()
    {
        int n = fixture.Next();
        string sid = string.Create(CultureInfo.InvariantCulture, $"a2{n:D6}");
        fixture.Accel2.AddSession(sid, "mismatch", "0C-C6-FD-00-00-01", "10.21.0.1");

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect",
            $"NAS-Identifier = \"accel2\", Acct-Session-Id = \"{sid}\", Proxy-State = 0x01");

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("NAS-Identification-Mismatch", answer.Attribute("Error-Cause"));
        Assert.Equal(["0x01"], answer.AttributeValues("Proxy-State"));
        Assert.Contains(fixture.Accel2.Sessions, s => s.SessionId == sid);
    }

    [Fact]
    public async Task Coa_SessionTimeout_ForwardedToAccel_Ack()
    {
        AccelSession session = NewSession();

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("coa",
            $"NAS-Identifier = \"accel1\", Acct-Session-Id = \"{session.SessionId}\", Session-Timeout = 600");

        Assert.True(answer.ReplyCode == "CoA-ACK", answer.ToString());
        Assert.Contains(fixture.Accel1.Received, r => r.Code == 43 && r.AcctSessionId == session.SessionId && r.AnswerCode == 44);
    }

    [Fact]
    public async Task Disconnect_AccelNotRunning_PortUnreachable_Nak506_AtOnce()
    {
        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"acceldown\", Acct-Session-Id = \"00000001\"", timeoutSeconds: 4);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        // The kernel's ICMP port-unreachable ends the request before mrd (docs/forwarding.md).
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        Assert.True(elapsed < TimeSpan.FromSeconds(2), elapsed.ToString());
    }

    [Fact]
    public async Task Disconnect_AccelSilent_Nak505_AfterTheRetransmissions_BeforeTheDeadline()
    {
        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"accelsilent\", Acct-Session-Id = \"00000001\"", timeoutSeconds: 7);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Proxy-Processing-Error", answer.Attribute("Error-Cause"));
        // Two sends 300 ms apart, mrd 2 s: given up well after the first send and before mrd + the executor's 5 s margin.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.3), TimeSpan.FromSeconds(7));
        Assert.True(fixture.SilentReceived() >= 2, "the dae-server stand-in never saw the retransmission");
    }

    private AccelSession NewSession()
    {
        int n = fixture.Next();
        return fixture.Accel1.AddSession(
            string.Create(CultureInfo.InvariantCulture, $"e2e{n:D5}"),
            string.Create(CultureInfo.InvariantCulture, $"accel-user-{n}"),
            string.Create(CultureInfo.InvariantCulture, $"0C-C6-FD-E2-{n / 256:X2}-{n % 256:X2}"),
            string.Create(CultureInfo.InvariantCulture, $"10.20.{n / 250}.{(n % 250) + 1}"),
            unit: n);
    }
}
