using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// Bytes from a router: <see cref="SentenceReader"/> and <see cref="Reply.Decode"/> may refuse them only with
/// <see cref="EndOfStreamException"/> (cut inside a sentence) or <see cref="InvalidDataException"/> (bad length
/// prefix, control byte, unknown reply word, oversized sentence), as the connection expects.
/// </summary>
internal sealed class RouterOsSentenceTarget : IFuzzTarget
{
    public string Name => "routeros";

    public void Run(ReadOnlySpan<byte> data)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        // A small sentence limit so the fuzzer reaches the size check too.
        using var reader = new SentenceReader(stream, maxSentenceSize: 64 * 1024);
        try
        {
            for (int sentences = 0; sentences < 10_000; sentences++)
            {
                ValueTask<bool> read = reader.ReadSentenceAsync(CancellationToken.None);
                // A MemoryStream completes synchronously; a pending read here would be a bug in itself.
                if (!read.IsCompleted)
                {
                    throw new InvalidOperationException("a read from a MemoryStream did not complete synchronously");
                }

                if (!read.Result)
                {
                    return;
                }

                Reply reply = Reply.Decode(reader);
                _ = reply.Tag;
                _ = reply.Attributes.Count;
            }
        }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            // Documented refusals: the connection is closed and the command fails with NAK 506.
        }
    }
}
