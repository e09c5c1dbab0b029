using RadiusDisconnectProxy.RouterOs.Protocol;

namespace RadiusDisconnectProxy.RouterOs.Tests.Protocol;

public sealed class SentenceCodecTests
{
    [Fact]
    public void Login_Sentence_Matches_The_Manual_Bytes()
    {
        using var writer = new SentenceWriter();
        new Command("/login").Attribute("name", "admin").Attribute("password", "secret").WriteTo(writer, null);

        Assert.Equal(
            "062F6C6F67696E" + "0B3D6E616D653D61646D696E" + "103D70617373776F72643D736563726574" + "00",
            Convert.ToHexString(writer.WrittenSpan));
    }

    [Fact]
    public void Command_Words_Carry_Queries_Proplist_And_Tag()
    {
        using var writer = new SentenceWriter();
        new Command("/ip/hotspot/active/print").Proplist(".id", "user").WhereEquals("user", "alice").WhereLacks("blocked")
            .QueryOperations("|").WriteTo(writer, "7");

        List<string> words = ReadAll(writer.Written.ToArray()).Single();

        Assert.Equal(["/ip/hotspot/active/print", "=.proplist=.id,user", "?user=alice", "?-blocked", "?#|", ".tag=7"], words);
    }

    [Theory]
    [InlineData(0x7F)]
    [InlineData(0x80)]
    [InlineData(0x3FFF)]
    [InlineData(0x4000)]
    [InlineData(0x1FFFFF)]
    [InlineData(0x200000)]
    public void Words_Round_Trip_At_Length_Boundaries(int length)
    {
        string value = new('x', length - 3);
        using var writer = new SentenceWriter();
        writer.AppendWord("=a=", value);
        writer.EndSentence();

        List<string> words = ReadAll(writer.Written.ToArray()).Single();

        Assert.Equal(length, words[0].Length);
        Assert.Equal(WordLength.GetEncodedSize(length) + length + 1, writer.Written.Length);
    }

    [Fact]
    public async Task Reader_Skips_Empty_Sentences_And_Reads_Several()
    {
        byte[] bytes = [0x00, 0x03, .. "!re"u8, 0x00, 0x00, 0x05, .. "!done"u8, 0x00];
        using var reader = new SentenceReader(new MemoryStream(bytes));

        Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        Assert.Equal("!re"u8.ToArray(), reader.GetWord(0).ToArray());
        Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        Assert.Equal("!done"u8.ToArray(), reader.GetWord(0).ToArray());
        Assert.False(await reader.ReadSentenceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reader_Reassembles_Sentences_Arriving_Byte_By_Byte()
    {
        using var writer = new SentenceWriter();
        new Command("/ppp/active/print").WhereEquals("name", new string('n', 300)).WriteTo(writer, "1");
        new Command("/quit").WriteTo(writer, null);
        using var reader = new SentenceReader(new TrickleStream(writer.Written.ToArray()));

        Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        Assert.Equal(3, reader.WordCount);
        Assert.Equal(306, reader.GetWord(1).Length);
        Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        Assert.Equal("/quit"u8.ToArray(), reader.GetWord(0).ToArray());
        Assert.False(await reader.ReadSentenceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reader_Rejects_A_Control_Byte()
    {
        byte[] bytes = [0x03, .. "!re"u8, 0xF8, 0x00];
        using var reader = new SentenceReader(new MemoryStream(bytes));

        await Assert.ThrowsAsync<InvalidDataException>(async () => await reader.ReadSentenceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reader_Reports_An_End_Inside_A_Sentence()
    {
        byte[] bytes = [0x03, .. "!re"u8, 0x05, (byte)'='];
        using var reader = new SentenceReader(new MemoryStream(bytes));

        await Assert.ThrowsAsync<EndOfStreamException>(async () => await reader.ReadSentenceAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Reply_Decodes_Trap_Message_Category_And_Tag()
    {
        using var writer = new SentenceWriter();
        writer.AppendWord("!trap");
        writer.AppendWord("=category=1");
        writer.AppendWord("=message=input does not match any value of interface");
        writer.AppendWord(".tag=3");
        writer.EndSentence();
        using var reader = new SentenceReader(new MemoryStream(writer.Written.ToArray()));
        await reader.ReadSentenceAsync(CancellationToken.None);

        Reply reply = Reply.Decode(reader);

        Assert.Equal(ReplyType.Trap, reply.Type);
        Assert.Equal("3", reply.Tag);
        Assert.Equal("1", reply["category"]);
        Assert.Equal("input does not match any value of interface", reply["message"]);
    }

    [Theory]
    [InlineData("!fatal", ReplyType.Fatal)]
    [InlineData("!empty", ReplyType.Empty)]
    [InlineData("!done", ReplyType.Done)]
    [InlineData("!re", ReplyType.Re)]
    public async Task Reply_Knows_Every_Reply_Word(string word, ReplyType type)
    {
        using var writer = new SentenceWriter();
        writer.AppendWord(word);
        writer.AppendWord(type == ReplyType.Fatal ? "session terminated on request" : "=name=a=b");
        writer.EndSentence();
        using var reader = new SentenceReader(new MemoryStream(writer.Written.ToArray()));
        await reader.ReadSentenceAsync(CancellationToken.None);

        Reply reply = Reply.Decode(reader);

        Assert.Equal(type, reply.Type);
        if (type == ReplyType.Fatal)
        {
            Assert.Equal("session terminated on request", reply.FatalReason);
        }
        else
        {
            Assert.Equal("a=b", reply["name"]);
        }
    }

    [Fact]
    public async Task Reply_Rejects_An_Unknown_Reply_Word()
    {
        using var writer = new SentenceWriter();
        writer.AppendWord("!bogus");
        writer.EndSentence();
        using var reader = new SentenceReader(new MemoryStream(writer.Written.ToArray()));
        await reader.ReadSentenceAsync(CancellationToken.None);

        Assert.Throws<InvalidDataException>(() => Reply.Decode(reader));
    }

    [Theory]
    [InlineData(".tag=3", 3)]
    [InlineData(".tag=2147483647", 2147483647)]
    [InlineData(".tag=2147483648", 0)]
    [InlineData(".tag=c3", 0)]
    [InlineData(".tag=03", 0)]
    [InlineData(".tag=", 0)]
    [InlineData(".section=2", 0)]
    public async Task Reply_Header_Reads_Only_Our_Numeric_Tags(string word, int tag)
    {
        using SentenceReader reader = await OneSentenceAsync("!done", "=ret=x", word);

        Assert.Equal(ReplyType.Done, Reply.ReadHeader(reader, out int read));
        Assert.Equal(tag, read);
    }

    [Theory]
    [InlineData("!re", "plain")]
    [InlineData("!bogus", "=a=b")]
    [InlineData("!done", "=")]
    public async Task Reply_Header_Rejects_What_Decode_Rejects(string type, string word)
    {
        using SentenceReader reader = await OneSentenceAsync(type, word, ".tag=1");

        Assert.Throws<InvalidDataException>(() => Reply.Decode(reader));
        Assert.Throws<InvalidDataException>(() => Reply.ReadHeader(reader, out _));
    }

    [Fact]
    public async Task A_Row_From_A_Sentence_Has_Every_Attribute_And_The_Last_Of_A_Repeated_One()
    {
        using SentenceReader reader = await OneSentenceAsync("!re", "=.id=*1A", "=user=alice", "=comment=a=b", "=empty=", "=user=bob", ".tag=4");

        Row row = Row.FromSentence(reader);

        Assert.Equal("*1A", row.Id);
        Assert.Equal("bob", row["user"]);
        Assert.Equal("a=b", row["comment"]);
        Assert.Equal("", row["empty"]);
        Assert.Null(row["address"]);
        Assert.Equal(new Dictionary<string, string> { [".id"] = "*1A", ["user"] = "bob", ["comment"] = "a=b", ["empty"] = "" }, row.Properties);
    }

    private static async Task<SentenceReader> OneSentenceAsync(params string[] words)
    {
        using var writer = new SentenceWriter();
        foreach (string word in words)
        {
            writer.AppendWord(word);
        }

        writer.EndSentence();
        var reader = new SentenceReader(new MemoryStream(writer.Written.ToArray()));
        Assert.True(await reader.ReadSentenceAsync(CancellationToken.None));
        return reader;
    }

    private static List<List<string>> ReadAll(byte[] bytes)
    {
        using var reader = new SentenceReader(new MemoryStream(bytes));
        var sentences = new List<List<string>>();
        while (reader.ReadSentenceAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult())
        {
            var words = new List<string>();
            for (int i = 0; i < reader.WordCount; i++)
            {
                words.Add(System.Text.Encoding.UTF8.GetString(reader.GetWord(i)));
            }

            sentences.Add(words);
        }

        return sentences;
    }
}
