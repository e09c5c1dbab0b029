using System.Security.Authentication;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>RADIUS/1.1 (RFC 9765) negotiated by ALPN on the RadSec listener, with the project's own client.</summary>
public class Radius11Tests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);
    private static readonly string[] s_offer11 = ["radius/1.1", "radius/1.0"];

    private static (byte, string)[] Alice => [(RadiusAttributeType.UserName, "alice"), (RadiusAttributeType.NasIdentifier, "nas1")];

    [Fact]
    public async Task Allow_NegotiatesRadius11_AnswerCarriesTheTokenAndNoMd5()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync(alpn: s_offer11);
        Assert.True(client.IsRadius11);
        Assert.Equal(SslProtocols.Tls13, client.Protocol);

        byte[] request = client.BuildRequest(RadiusCode.CoaRequest, Alice);
        Assert.Equal(0, request[1]);
        byte[] answer = (await client.ExchangeAsync(request, s_timeout))!;

        Assert.Equal((byte)RadiusCode.CoaAck, answer[0]);
        // RFC 9765 §4.1: Reserved-1 zero, the request's Token, 12 reserved zero octets; §5.2: no Message-Authenticator.
        Assert.True(client.IsAnswerTo(answer, request));
        Assert.Equal(-1, RadiusAuthenticator.FindMessageAuthenticator(answer));
        Assert.Single(host.Driver.Calls);
    }

    [Fact]
    public async Task Radius11_DeduplicatesOnTheToken_AndIgnoresAMessageAuthenticator()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync(alpn: s_offer11);

        // A stray Message-Authenticator (any value) is ignored, not checked (RFC 9765 §5.2).
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, [.. Alice, (RadiusAttributeType.MessageAuthenticator, "0123456789abcdef")]);
        byte[] first = (await client.ExchangeAsync(request, s_timeout))!;
        byte[] again = (await client.ExchangeAsync(request, s_timeout))!;
        Assert.Equal((byte)RadiusCode.DisconnectAck, first[0]);
        Assert.Equal(first, again);
        Assert.Single(host.Driver.Calls);

        byte[] next = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.True(client.IsAnswerTo((await client.ExchangeAsync(next, s_timeout))!, next));
        Assert.Equal(2, host.Driver.Calls.Count);
    }

    [Fact]
    public async Task Radius11_ErrorCauseAndStatusServer()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient client = await host.ConnectAsync(alpn: s_offer11);

        byte[] unroutable = client.BuildRequest(RadiusCode.DisconnectRequest, [(RadiusAttributeType.UserName, "bob"), (RadiusAttributeType.NasIdentifier, "nowhere")]);
        byte[] nak = (await client.ExchangeAsync(unroutable, s_timeout))!;
        Assert.Equal((byte)RadiusCode.DisconnectNak, nak[0]);
        Assert.Equal(ErrorCause.RequestNotRoutable, RadSecTestClient.ErrorCauseOf(nak));
        Assert.True(client.IsAnswerTo(nak, unroutable));

        byte[] status = client.BuildStatusServer();
        byte[] alive = (await client.ExchangeAsync(status, s_timeout))!;
        Assert.Equal((byte)RadiusCode.CoaAck, alive[0]);
        Assert.True(client.IsAnswerTo(alive, status));
    }

    [Fact]
    public async Task Allow_ClientWithoutAlpn_GetsHistoricRadSec()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient plain = await host.ConnectAsync();
        await using RadSecTestClient only10 = await host.ConnectAsync(alpn: ["radius/1.0"]);
        Assert.False(plain.IsRadius11);
        Assert.False(only10.IsRadius11);
        byte[] request = only10.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.True(only10.IsAnswerTo((await only10.ExchangeAsync(request, s_timeout))!, request));
    }

    [Fact]
    public async Task Allow_ClientOfferingOnlyOtherProtocols_IsRefused()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        Assert.True(await RadSecListenerTests.RefusedAsync(() => host.ConnectAsync(alpn: ["h2"])));
    }

    [Fact]
    public async Task Require_RefusesAClientThatDoesNotOfferRadius11()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(o => o with { Radius11 = Radius11Mode.Require, MinVersion = SslProtocols.Tls13 });
        await using RadSecTestClient client = await host.ConnectAsync();
        using var cts = new CancellationTokenSource(s_timeout);
        // RFC 9765 §3.3.1: a Protocol-Error with Error-Cause 406 inside the tunnel, then the connection closes.
        byte[]? error = await RadSecListenerTests.ReceiveOrClosedAsync(client, cts.Token);
        Assert.NotNull(error);
        Assert.Equal((byte)RadiusCode.ProtocolError, error[0]);
        Assert.Equal(ErrorCause.UnsupportedExtension, RadSecTestClient.ErrorCauseOf(error));
        Assert.Null(await RadSecListenerTests.ReceiveOrClosedAsync(client, cts.Token));

        Assert.True(await RadSecListenerTests.RefusedAsync(() => host.ConnectAsync(alpn: ["radius/1.0"])));

        await using RadSecTestClient v11 = await host.ConnectAsync(alpn: ["radius/1.1"]);
        Assert.True(v11.IsRadius11);
        byte[] request = v11.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.True(v11.IsAnswerTo((await v11.ExchangeAsync(request, s_timeout))!, request));
    }

    [Fact]
    public async Task Forbid_NeverNegotiatesRadius11()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(o => o with { Radius11 = Radius11Mode.Forbid });
        await using RadSecTestClient client = await host.ConnectAsync(alpn: s_offer11);
        Assert.False(client.IsRadius11);
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, Alice);
        Assert.True(client.IsAnswerTo((await client.ExchangeAsync(request, s_timeout))!, request));
    }

    [Fact]
    public async Task Radius11OverTls12_IsClosed()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        Assert.True(await RadSecListenerTests.RefusedAsync(() => host.ConnectAsync(alpn: ["radius/1.1"], protocols: SslProtocols.Tls12)));
    }
}
