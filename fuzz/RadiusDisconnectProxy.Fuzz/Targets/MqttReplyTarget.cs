using System.Buffers;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// A node reply as it arrives on <c>/RD/NODE/COMMAND/RESPONSE</c>: <see cref="NodeCommandJson.TryParseReply"/> must
/// answer false for anything it cannot use and never throw, also when the payload comes in several segments.
/// </summary>
internal sealed class MqttReplyTarget : IFuzzTarget
{
    private readonly PendingReplyTable _pending = new(16);

    public string Name => "mqtt-reply";

    public void Run(ReadOnlySpan<byte> data)
    {
        byte[] copy = data.ToArray();
        NodeCommandJson.TryParseReply(new ReadOnlySequence<byte>(copy), out NodeReply? whole);
        if (copy.Length > 1)
        {
            // The same bytes split in two segments (MQTTnet hands payloads over as sequences).
            int split = copy[0] % copy.Length;
            NodeCommandJson.TryParseReply(Segments.Split(copy, split), out NodeReply? split2);
            if ((whole is null) != (split2 is null) || (whole is not null && whole.Key != split2!.Key))
            {
                throw new InvalidOperationException("the reply parsed differently when split in two segments");
            }
        }

        _pending.Dispatch(new ReadOnlySequence<byte>(copy));
    }
}
