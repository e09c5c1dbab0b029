using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Turns a console disconnect into the same <see cref="DynamicAuthorizationRequest"/> a DAC's Disconnect-Request becomes:
/// a real, signed RFC 5176 packet (so a forwarding NAS type relays it like any other), the session keys, and the NAS
/// named by NAS-Identifier or NAS-IP-Address so routing picks exactly that NAS. The packet is signed with a random
/// one-time secret that exists only for this request (it is what forwarding re-encrypts from).
/// </summary>
internal static class ConsoleRequestBuilder
{
    private const int SecretBytes = 16;

    public static DynamicAuthorizationRequest Disconnect(SessionKeys keys, NasTarget? nas, string consoleUser, IPEndPoint browser, TimeProvider time)
    {
        SessionKeys routed = nas is null ? keys : keys with
        {
            NasIdentifier = nas.NasIdentifier,
            NasIpAddress = nas.NasIdentifier is null ? nas.Addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) : null,
            NasIpv6Address = nas.NasIdentifier is null && !nas.Addresses.Any(a => a.AddressFamily == AddressFamily.InterNetwork)
                ? nas.Addresses.FirstOrDefault()
                : null,
        };

        byte[] secretBytes = RandomNumberGenerator.GetBytes(SecretBytes);
        var secret = new SharedSecret(secretBytes);
        Span<byte> buffer = stackalloc byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectRequest, (byte)RandomNumberGenerator.GetInt32(256));
        writer.AddMessageAuthenticator();
        AddString(ref writer, RadiusAttributeType.UserName, routed.UserName);
        AddString(ref writer, RadiusAttributeType.AcctSessionId, routed.AcctSessionId);
        AddString(ref writer, RadiusAttributeType.CallingStationId, routed.CallingStationId);
        if (routed.FramedIpAddress is { AddressFamily: AddressFamily.InterNetwork } framed)
        {
            writer.AddIPv4(RadiusAttributeType.FramedIpAddress, framed);
        }

        AddString(ref writer, RadiusAttributeType.NasIdentifier, routed.NasIdentifier);
        if (routed.NasIpAddress is { } nasIp)
        {
            writer.AddIPv4(RadiusAttributeType.NasIpAddress, nasIp);
        }

        if (routed.NasIpv6Address is { } nasIpv6)
        {
            writer.AddIPv6(RadiusAttributeType.NasIpv6Address, nasIpv6);
        }

        // RFC 5176 §3: Event-Timestamp lets the NAS reject a replay.
        writer.AddUInt32(RadiusAttributeType.EventTimestamp, (uint)time.GetUtcNow().ToUnixTimeSeconds());
        Span<byte> packet = writer.Written;
        RadiusAuthenticator.SignRequest(packet, secret);
        return new DynamicAuthorizationRequest
        {
            Code = RadiusCode.DisconnectRequest,
            Keys = routed with { RadAcctId = null },
            Packet = packet.ToArray(),
            ClientSecret = secretBytes,
            Client = browser,
            ClientName = ConsoleClientName(consoleUser),
        };
    }

    /// <summary>How console requests appear in the audit log and the live feed: <c>console:admin</c>.</summary>
    public static string ConsoleClientName(string consoleUser) => "console:" + consoleUser;

    private static void AddString(ref RadiusPacketWriter writer, byte type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            writer.AddString(type, value.Length > 253 ? value[..253] : value);
        }
    }
}
