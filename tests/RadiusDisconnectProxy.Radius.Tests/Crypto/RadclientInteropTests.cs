using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Tests.Crypto;

/// <summary>radclient (FreeRADIUS 3.2) on loopback checks what this codec signs, and this codec checks radclient.</summary>
[Trait("Category", "RealService")]
public class RadclientInteropTests
{
    [Theory]
    [InlineData("testing123", 0)]
    [InlineData("not-the-secret", 1)]
    public async Task Radclient_AcceptsOurDisconnectAckOnlyWithTheRightSecret(string answerSecret, int expectedExit)
    {
        var secret = new SharedSecret("testing123");
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        int port = ((IPEndPoint)socket.LocalEndPoint!).Port;

        using var radclient = Process.Start(new ProcessStartInfo("radclient", ["-r", "1", "-t", "3", $"127.0.0.1:{port}", "disconnect", "testing123"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        await radclient.StandardInput.WriteLineAsync("User-Name = \"bob\", Acct-Session-Id = \"abc\", Message-Authenticator = 0x00, Proxy-State = 0x01");
        radclient.StandardInput.Close();

        byte[] buffer = new byte[4096];
        EndPoint from = new IPEndPoint(IPAddress.Any, 0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, from, timeout.Token);
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(buffer.AsSpan(0, received.ReceivedBytes), out RadiusPacketReader request));
        Assert.True(RadiusAuthenticator.VerifyRequestAuthenticator(request.Span, secret));
        Assert.Equal(MessageAuthenticatorStatus.Valid, RadiusAuthenticator.VerifyMessageAuthenticator(request.Span, request.MessageAuthenticatorOffset, default, secret));
        Assert.True(request.TryGetAttribute(RadiusAttributeType.ProxyState, out ReadOnlySpan<byte> proxyState));

        byte[] answer = new byte[4096];
        var writer = new RadiusPacketWriter(answer, RadiusCode.DisconnectAck, request.Identifier);
        writer.AddMessageAuthenticator();
        writer.Add(RadiusAttributeType.ProxyState, proxyState);
        RadiusAuthenticator.SignResponse(writer.Written, request.Authenticator, new SharedSecret(answerSecret));
        await socket.SendToAsync(answer.AsMemory(0, writer.Length), SocketFlags.None, received.RemoteEndPoint);

        await radclient.WaitForExitAsync(timeout.Token);
        string output = await radclient.StandardOutput.ReadToEndAsync();
        Assert.True(expectedExit == radclient.ExitCode, output + await radclient.StandardError.ReadToEndAsync());
    }
}
