using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Tests.Protocol;

/// <summary>Encoding and decoding words allocate nothing themselves (pooled buffers, spans).</summary>
public sealed class AllocationTests
{
    [Fact]
    public void Encoding_A_Command_Into_A_Warm_Writer_Allocates_Nothing()
    {
        Command command = new Command("/ip/hotspot/active/print").Proplist(".id", "user", "address")
            .WhereEquals("mac-address", "AA:BB:CC:DD:EE:FF").WhereEquals("user", "alice");
        using var writer = new SentenceWriter();
        command.WriteTo(writer, "17");

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            writer.Reset();
            command.WriteTo(writer, "17");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Reading_Sentences_Allocates_Nothing_Per_Word()
    {
        using var writer = new SentenceWriter();
        for (int i = 0; i < 60; i++)
        {
            writer.AppendWord("!re");
            writer.AppendWord("=.id=*1A");
            writer.AppendWord("=user=alice");
            writer.AppendWord("=address=10.5.50.10");
            writer.AppendWord(".tag=17");
            writer.EndSentence();
        }

        using var stream = new MemoryStream(writer.Written.ToArray());
        using var reader = new SentenceReader(stream);
        for (int i = 0; i < 10; i++)
        {
            // Warm-up; the first read also buffers every sentence (they fit in the reader's buffer).
            Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int words = 0;
        for (int i = 10; i < 60; i++)
        {
            // A MemoryStream completes synchronously, so the ValueTask is never boxed.
            Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
            for (int w = 0; w < reader.WordCount; w++)
            {
                words += reader.GetWord(w).Length > 0 ? 1 : 0;
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(50 * 5, words);
    }
}
