using System.Buffers.Binary;
using System.Globalization;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Turns a verified NAS answer into the result the pipeline relays: ACK or NAK by code, and every attribute in
/// order except Proxy-State (ours is removed, RFC 5176 §3.1, and the pipeline appends the client's own) and
/// Message-Authenticator (recomputed with the client secret). Error-Cause and everything else travel verbatim in
/// <see cref="ForwardResult.RelayedAttributes"/>; <see cref="ForwardResult.ErrorCause"/> stays null so it is not added twice.
/// </summary>
internal static class RelayedAnswer
{
    private const string AckDetail = "NAS answered ACK";
    private const string NakDetail = "NAS answered NAK";

    public static ForwardResult ToResult(ReadOnlySpan<byte> answer)
    {
        if (RadiusPacketReader.TryParse(answer, out RadiusPacketReader packet) != PacketParseError.None)
        {
            return ForwardResult.Nak(ErrorCause.OtherProxyProcessingError, "NAS answer unreadable");
        }

        bool isAck = packet.Code is RadiusCode.DisconnectAck or RadiusCode.CoaAck;
        int total = 0;
        uint? firstCause = null;
        foreach (RadiusAttributeView attribute in packet)
        {
            if (IsRelayed(attribute.Type))
            {
                total += attribute.Length;
                if (firstCause is null && attribute.Type == RadiusAttributeType.ErrorCause && attribute.Value.Length == 4)
                {
                    firstCause = BinaryPrimitives.ReadUInt32BigEndian(attribute.Value);
                }
            }
        }

        byte[] relayed = total == 0 ? [] : new byte[total];
        int position = 0;
        foreach (RadiusAttributeView attribute in packet)
        {
            if (IsRelayed(attribute.Type))
            {
                answer.Slice(attribute.Offset, attribute.Length).CopyTo(relayed.AsSpan(position));
                position += attribute.Length;
            }
        }

        string detail = firstCause is null
            ? (isAck ? AckDetail : NakDetail)
            : string.Create(CultureInfo.InvariantCulture, $"{(isAck ? AckDetail : NakDetail)}, Error-Cause {firstCause}");
        return new ForwardResult { IsAck = isAck, RelayedAttributes = relayed, Detail = detail };
    }

    private static bool IsRelayed(byte type) =>
        type is not RadiusAttributeType.ProxyState and not RadiusAttributeType.MessageAuthenticator;
}
