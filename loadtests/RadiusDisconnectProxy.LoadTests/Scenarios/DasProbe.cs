using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>Waits until a DAS answers a request (any verified ACK or NAK): the proxy or FreeRADIUS is ready.</summary>
internal static class DasProbe
{
    public static async Task WaitUntilAnsweringAsync(IPEndPoint target, string secret, RequestTemplate template, TimeSpan timeout, Func<string>? diagnostics = null)
    {
        var sharedSecret = new SharedSecret(secret);
        var builder = new RequestBuilder(template with { SequenceOffset = 900_000_000_000 + Random.Shared.Next(1_000_000) }, sharedSecret);
        var verifier = new ReplyVerifier(sharedSecret, acceptZeroedMessageAuthenticator: true);
        using var socket = new Socket(target.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(target.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Loopback : IPAddress.IPv6Loopback, 0));
        byte[] request = new byte[4096];
        byte[] reply = new byte[4096];
        var clock = Stopwatch.StartNew();
        for (long attempt = 0; clock.Elapsed < timeout; attempt++)
        {
            int length = builder.Build(request, (byte)attempt, attempt);
            await socket.SendToAsync(request.AsMemory(0, length), target).ConfigureAwait(false);
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
            try
            {
                SocketReceiveFromResult received = await socket.ReceiveFromAsync(reply, new IPEndPoint(IPAddress.Any, 0), wait.Token).ConfigureAwait(false);
                if (verifier.Verify(reply.AsSpan(0, received.ReceivedBytes), request.AsSpan(0, length), out _, out _) != ReplyOutcome.Invalid)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                // No answer yet: try again with a new request.
            }
        }

        throw new TimeoutException($"{target} did not answer within {timeout.TotalSeconds:0}s\n{diagnostics?.Invoke()}");
    }
}
