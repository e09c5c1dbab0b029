using System.Buffers.Binary;
using System.Net;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>Builds signed requests with the codec, the way a DAC would.</summary>
internal static class TestPackets
{
    public static byte[] Disconnect(byte identifier, string secret, bool messageAuthenticator, params (byte Type, byte[] Value)[] attributes) =>
        Request(RadiusCode.DisconnectRequest, identifier, secret, messageAuthenticator, attributes);

    public static byte[] Coa(byte identifier, string secret, bool messageAuthenticator, params (byte Type, byte[] Value)[] attributes) =>
        Request(RadiusCode.CoaRequest, identifier, secret, messageAuthenticator, attributes);

    public static byte[] Request(RadiusCode code, byte identifier, string secret, bool messageAuthenticator, params (byte Type, byte[] Value)[] attributes)
    {
        var buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, code, identifier);
        if (messageAuthenticator)
        {
            writer.AddMessageAuthenticator();
        }

        foreach ((byte type, byte[] value) in attributes)
        {
            writer.Add(type, value);
        }

        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer.AsSpan(0, length), new SharedSecret(secret));
        return buffer[..length];
    }

    public static (byte, byte[]) Text(byte type, string value) => (type, Encoding.UTF8.GetBytes(value));

    public static (byte, byte[]) UInt32(byte type, uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return (type, bytes);
    }

    public static (byte, byte[]) Address(byte type, string address) => (type, IPAddress.Parse(address).GetAddressBytes());

    public static (byte, byte[]) Raw(byte type, params byte[] value) => (type, value);

    public static (byte, byte[]) UserName(string user) => Text(RadiusAttributeType.UserName, user);

    public static (byte, byte[]) NasIdentifier(string id) => Text(RadiusAttributeType.NasIdentifier, id);

    public static (byte, byte[]) EventTimestamp(DateTimeOffset time) => UInt32(RadiusAttributeType.EventTimestamp, (uint)time.ToUnixTimeSeconds());

    public static (byte, byte[]) ProxyState(params byte[] value) => Raw(RadiusAttributeType.ProxyState, value);
}
