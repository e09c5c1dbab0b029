using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.ExampleType;

/// <summary>
/// Sends <c>kick TOKEN USER</c> in one UDP datagram and reads one line back: <c>ok</c> → ACK, <c>gone</c> → NAK 503,
/// anything else → NAK 506. Like every driver it never throws for an expected failure.
/// </summary>
internal sealed class LineDriver : INasDriver
{
    public string Type => LineNasType.TypeName;

    public async ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken)
    {
        var settings = (LineNasSettings)nas.Settings;
        if (request.Keys.UserName is not { } user)
        {
            return DriverResult.Nak(ErrorCause.MissingAttribute, "the line protocol needs User-Name");
        }

        using var socket = new UdpClient(settings.CommandEndpoint.AddressFamily);
        try
        {
            await socket.SendAsync(Encoding.ASCII.GetBytes($"kick {settings.Token} {user}"), settings.CommandEndpoint, cancellationToken);
            UdpReceiveResult reply = await socket.ReceiveAsync(cancellationToken);
            return Encoding.ASCII.GetString(reply.Buffer) switch
            {
                "ok" => DriverResult.Ack($"{user} kicked"),
                "gone" => DriverResult.Nak(ErrorCause.SessionContextNotFound, $"{user} has no session"),
                string other => DriverResult.Nak(ErrorCause.ResourcesUnavailable, $"NAS said '{other}'"),
            };
        }
        catch (SocketException e)
        {
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, e.Message);
        }
    }
}
