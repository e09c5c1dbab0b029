using RadiusDisconnectProxy.Routing;
using System.Net;
using System.Text;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.Forwarding;

internal delegate void AttributeWriter(ref RadiusPacketWriter writer);

/// <summary>Real, signed client requests (codec writer + SignRequest) wrapped as the pipeline hands them to drivers.</summary>
internal static class ForwardingRequests
{
    public const string ClientSecret = "client-secret-123";
    public const string NasSecret = "nas-secret-456";

    public static readonly SharedSecret ClientSharedSecret = new(ClientSecret);

    /// <summary>User-Name, Acct-Session-Id, NAS-Identifier, Event-Timestamp, then whatever <paramref name="extra"/> adds.</summary>
    public static DynamicAuthorizationRequest Create(
        RadiusCode code = RadiusCode.DisconnectRequest,
        byte identifier = 7,
        string userName = "alice",
        AttributeWriter? extra = null,
        bool clientMessageAuthenticator = true,
        uint eventTimestamp = 1_764_000_000)
    {
        byte[] buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, code, identifier);
        writer.AddString(RadiusAttributeType.UserName, userName);
        writer.AddString(RadiusAttributeType.AcctSessionId, "S-" + userName);
        writer.AddString(RadiusAttributeType.NasIdentifier, "bras-1");
        writer.AddUInt32(RadiusAttributeType.EventTimestamp, eventTimestamp);
        extra?.Invoke(ref writer);
        if (clientMessageAuthenticator)
        {
            // radclient puts it last; the forwarder must move a fresh one to the front.
            writer.AddMessageAuthenticator();
        }

        Span<byte> packet = writer.Written;
        RadiusAuthenticator.SignRequest(packet, ClientSharedSecret);
        return new DynamicAuthorizationRequest
        {
            Code = code,
            Keys = new SessionKeys { UserName = userName, AcctSessionId = "S-" + userName, NasIdentifier = "bras-1" },
            Packet = packet.ToArray(),
            ClientSecret = Encoding.UTF8.GetBytes(ClientSecret),
            Client = new IPEndPoint(IPAddress.Loopback, 40000),
            ClientName = "local",
        };
    }

    /// <summary>Adds a Tunnel-Password (tag 1) encrypted with the client secret and the zero vector (reference A.10).</summary>
    public static void AddTunnelPassword(ref RadiusPacketWriter writer, string password, ushort salt = 0x8123)
    {
        Span<byte> value = stackalloc byte[253];
        value[0] = 1;
        ReadOnlySpan<byte> zeros = TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, default);
        int written = TunnelPasswordCipher.Encrypt(Encoding.UTF8.GetBytes(password), salt, zeros, ClientSharedSecret, value[1..]);
        writer.Add(RadiusAttributeType.TunnelPassword, value[..(1 + written)]);
    }

    /// <summary>The attributes of a relayed answer as (type, value) pairs.</summary>
    public static List<KeyValuePair<byte, byte[]>> ParseAttributes(byte[]? attributes)
    {
        var list = new List<KeyValuePair<byte, byte[]>>();
        ReadOnlySpan<byte> rest = attributes ?? [];
        while (!rest.IsEmpty)
        {
            Assert.True(rest.Length >= 2 && rest[1] >= 2 && rest[1] <= rest.Length, "relayed attributes are well-formed");
            list.Add(new(rest[0], rest[2..rest[1]].ToArray()));
            rest = rest[rest[1]..];
        }

        return list;
    }
}
