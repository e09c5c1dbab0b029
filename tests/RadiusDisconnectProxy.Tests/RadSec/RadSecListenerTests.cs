using System.Buffers.Binary;
using System.Net.Sockets;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.RadSec;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>
/// RadSec (RFC 6614) through the real listener and pipeline with the project's own RadSec client: answers, framing,
/// per-connection Identifier spaces, Status-Server, and the connection rules (docs/radsec.md).
/// </summary>
public class RadSecListenerTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static (byte, string)[] Alice => [(RadiusAttributeType.UserName, "alice"), (RadiusAttributeType.NasIdentifier, "nas1")];

    [Fact]
    public async Task DisconnectRequest_IsAnsweredOnTheConnection_SignedWithRadsec()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync();
        Assert.False(client.IsRadius11);

        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        byte[]? answer = await client.ExchangeAsync(request, s_timeout);

        Assert.NotNull(answer);
        Assert.Equal((byte)RadiusCode.DisconnectAck, answer[0]);
        Assert.True(client.IsAnswerTo(answer, request));
        // Message-Authenticator first, computed with "radsec" over the request authenticator (RFC 5176 §3.4).
        Assert.Equal(MessageAuthenticatorStatus.Valid, RadiusAuthenticator.VerifyMessageAuthenticator(
            answer, RadiusAuthenticator.FindMessageAuthenticator(answer), request.AsSpan(4, 16), new SharedSecret("radsec")));
        Assert.Equal("fr1", Assert.Single(host.Driver.Calls).Request.ClientName);
    }

    [Fact]
    public async Task ThirtyTwoRequestsInFlight_OnOneConnection_AreAllAnswered()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        var release = new TaskCompletionSource();
        host.Driver.HoldUntil(release.Task, DriverResult.Ack("done"));
        await using RadSecTestClient client = await host.ConnectAsync();

        var requests = new Dictionary<byte, byte[]>();
        for (int i = 0; i < 32; i++)
        {
            byte[] request = client.BuildRequest(RadiusCode.CoaRequest, [(RadiusAttributeType.UserName, "user" + i), (RadiusAttributeType.NasIdentifier, "nas1")]);
            requests.Add(request[1], request);
            await client.SendAsync(request);
        }

        await WaitUntilAsync(() => host.Driver.Calls.Count == 32);
        release.SetResult();
        using var cts = new CancellationTokenSource(s_timeout);
        for (int i = 0; i < 32; i++)
        {
            byte[] answer = (await client.ReceiveAsync(cts.Token))!;
            Assert.Equal((byte)RadiusCode.CoaAck, answer[0]);
            Assert.True(requests.Remove(answer[1], out byte[]? request) && client.IsAnswerTo(answer, request));
        }

        Assert.Empty(requests);
    }

    [Fact]
    public async Task IdentifierSpaces_ArePerConnection()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient first = await host.ConnectAsync();
        await using RadSecTestClient second = await host.ConnectAsync();

        // The same packet (Identifier 0, same authenticator) on the same connection is a retransmission: answered from
        // the cache, the NAS asked once; on another connection it is a request of its own (RFC 6613 §2.6.1).
        byte[] request = first.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        byte[] a1 = (await first.ExchangeAsync(request, s_timeout))!;
        byte[] a2 = (await first.ExchangeAsync(request, s_timeout))!;
        Assert.Equal(a1, a2);
        Assert.Single(host.Driver.Calls);

        byte[] b1 = (await second.ExchangeAsync(request, s_timeout))!;
        Assert.Equal((byte)RadiusCode.DisconnectAck, b1[0]);
        Assert.Equal(2, host.Driver.Calls.Count);
    }

    [Fact]
    public async Task StatusServer_IsAnsweredWithCoaAck_AndNeedsAMessageAuthenticator()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync();

        byte[] status = client.BuildStatusServer();
        byte[] answer = (await client.ExchangeAsync(status, s_timeout))!;
        Assert.Equal((byte)RadiusCode.CoaAck, answer[0]);
        Assert.True(client.IsAnswerTo(answer, status));
        Assert.Empty(host.Driver.Calls);

        // RFC 5997 §3: without Message-Authenticator it is discarded; the next request is still answered.
        byte[] unsigned = new byte[20];
        unsigned[0] = (byte)RadiusCode.StatusServer;
        unsigned[1] = 77;
        unsigned[3] = 20;
        await client.SendAsync(unsigned);
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        byte[] next = (await client.ExchangeAsync(request, s_timeout))!;
        Assert.True(client.IsAnswerTo(next, request));
    }

    [Fact]
    public async Task BadLengthField_ClosesTheConnection()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync();
        byte[] bad = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        BinaryPrimitives.WriteUInt16BigEndian(bad.AsSpan(2), 5000);
        await client.SendRawAsync(bad);
        using var cts = new CancellationTokenSource(s_timeout);
        Assert.Null(await ReceiveOrClosedAsync(client, cts.Token));
        Assert.Empty(host.Driver.Calls);
    }

    [Fact]
    public async Task IdleConnection_IsClosed()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(o => o with { IdleTimeout = TimeSpan.FromMilliseconds(400) });
        await using RadSecTestClient client = await host.ConnectAsync();
        using var cts = new CancellationTokenSource(s_timeout);
        Assert.Null(await ReceiveOrClosedAsync(client, cts.Token));
    }

    [Fact]
    public async Task ConnectionsPerClient_AreBounded()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(o => o with { MaxConnectionsPerClient = 1 });
        await using RadSecTestClient first = await host.ConnectAsync();
        Assert.True(await RefusedAsync(() => host.ConnectAsync()));

        byte[] request = first.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.NotNull(await first.ExchangeAsync(request, s_timeout));
    }

    [Fact]
    public async Task ClientCertificateFromAnotherCa_IsRefusedAtTheHandshake()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        using var foreign = TestPki.Load(host.Pki.IssueClient("CN=fr1", untrusted: true));
        Assert.True(await RefusedAsync(() => host.ConnectAsync(foreign)));
        Assert.Empty(host.Driver.Calls);
    }

    [Fact]
    public async Task NoClientCertificate_IsRefused()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        Assert.True(await RefusedAsync(() => RadSecTestClient.ConnectAsync(host.TlsEndPoint, null, host.Pki.CaFile)));
    }

    [Fact]
    public async Task CertificateSubject_MustMatchWhenConfigured()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(subject: "CN=fr1");
        using var other = TestPki.Load(host.Pki.IssueClient("CN=someone-else"));
        Assert.True(await RefusedAsync(() => host.ConnectAsync(other)));

        await using RadSecTestClient client = await host.ConnectAsync();
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.True(client.IsAnswerTo((await client.ExchangeAsync(request, s_timeout))!, request));
    }

    [Fact]
    public async Task AddressOfNoTlsClient_IsRefusedBeforeTheHandshake()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(tlsClientNetwork: "192.0.2.10/32");
        Assert.True(await RefusedAsync(() => host.ConnectAsync()));
    }

    [Fact]
    public async Task PlainRadiusOverTcp_IsRefused()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.TlsEndPoint);
        NetworkStream stream = tcp.GetStream();
        byte[] request = TestPackets.Disconnect(1, "radsec", true, TestPackets.UserName("alice"), TestPackets.NasIdentifier("nas1"));
        await stream.WriteAsync(request);
        var buffer = new byte[4096];
        using var cts = new CancellationTokenSource(s_timeout);
        int read;
        try
        {
            read = await stream.ReadAsync(buffer, cts.Token);
        }
        catch (IOException)
        {
            read = 0;
        }

        // Whatever came back (nothing, or a TLS alert record: content type 21), it is no RADIUS answer.
        Assert.True(read == 0 || buffer[0] == 21, $"got {read} octets starting {buffer[0]}");
        Assert.Empty(host.Driver.Calls);
    }

    [Fact]
    public async Task UdpIsServedAtTheSameTime()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync();
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Task<byte[]?> overTls = client.ExchangeAsync(request, s_timeout);
        RadclientResult overUdp = await host.Proxy.RadclientAsync("disconnect", "User-Name = \"bob\", NAS-Identifier = \"nas1\", Message-Authenticator = 0x00");

        Assert.True(overUdp.ReplyCode == "Disconnect-ACK", overUdp.ToString());
        Assert.True(client.IsAnswerTo((await overTls)!, request));
        Assert.Equal(["fr1", "local"], host.Driver.Calls.Select(c => c.Request.ClientName).Order());
    }

    /// <summary>True when the server refused: the handshake failed, or the connection closed before any answer.</summary>
    internal static async Task<bool> RefusedAsync(Func<Task<RadSecTestClient>> connect)
    {
        RadSecTestClient client;
        try
        {
            client = await connect();
        }
        catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException or SocketException)
        {
            return true;
        }

        // TLS 1.3: the client finishes its side before the server has judged its certificate; the refusal shows on read.
        await using (client)
        {
            try
            {
                byte[] status = client.BuildStatusServer();
                await client.SendAsync(status);
                using var cts = new CancellationTokenSource(s_timeout);
                return await client.ReceiveAsync(cts.Token) is null;
            }
            catch (Exception ex) when (ex is System.Security.Authentication.AuthenticationException or IOException)
            {
                return true;
            }
        }
    }

    internal static async Task<byte[]?> ReceiveOrClosedAsync(RadSecTestClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.ReceiveAsync(cancellationToken);
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        while (!condition())
        {
            await Task.Delay(20, cts.Token);
        }
    }
}
