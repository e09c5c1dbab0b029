using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>An answer as a DAC sees it, checked against the request it answers.</summary>
internal sealed class Answer
{
    public Answer(byte[] bytes, byte[] request, string secret)
    {
        Bytes = bytes;
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Code = packet.Code;
        Identifier = packet.Identifier;
        var shared = new SharedSecret(secret);
        ResponseAuthenticatorValid = RadiusAuthenticator.VerifyResponseAuthenticator(bytes, request.AsSpan(4, 16), shared);
        MessageAuthenticator = RadiusAuthenticator.VerifyMessageAuthenticator(bytes, packet.MessageAuthenticatorOffset, request.AsSpan(4, 16), shared);
        var types = new List<byte>();
        var proxyStates = new List<byte[]>();
        foreach (RadiusAttributeView attribute in packet)
        {
            types.Add(attribute.Type);
            if (attribute.Type == RadiusAttributeType.ProxyState)
            {
                proxyStates.Add(attribute.Value.ToArray());
            }
            else if (attribute.Type == RadiusAttributeType.ErrorCause)
            {
                ErrorCauses.Add((ErrorCause)BinaryPrimitives.ReadUInt32BigEndian(attribute.Value));
            }
        }

        AttributeTypes = types;
        ProxyStates = proxyStates;
    }

    public byte[] Bytes { get; }
    public RadiusCode Code { get; }
    public byte Identifier { get; }
    public bool ResponseAuthenticatorValid { get; }
    public MessageAuthenticatorStatus MessageAuthenticator { get; }
    public IReadOnlyList<byte> AttributeTypes { get; }
    public IReadOnlyList<byte[]> ProxyStates { get; }
    public List<ErrorCause> ErrorCauses { get; } = [];
    public ErrorCause? ErrorCause => ErrorCauses.Count > 0 ? ErrorCauses[0] : null;

    /// <summary>Signed correctly, with a valid Message-Authenticator as the first attribute.</summary>
    public void AssertSigned()
    {
        Assert.True(ResponseAuthenticatorValid, "Response Authenticator");
        Assert.Equal(MessageAuthenticatorStatus.Valid, MessageAuthenticator);
        Assert.Equal(RadiusAttributeType.MessageAuthenticator, AttributeTypes[0]);
    }
}
