using System.CommandLine;
using System.Text.Json;
using RadiusDisconnectProxy.Cli;

namespace RadiusDisconnectProxy.Tests.Cli;

/// <summary>`packet decode` mounted as the host mounts it, invoked with captured stdout/stderr.</summary>
public class PacketDecodeCommandTests
{
    // radius-protocol.md A.3 (Flexinets), secret xyzzy5461: Disconnect-Request, Acct-Session-Id "09042AF8".
    private const string FlexinetsDisconnect = "2801001e2ec8a0da729620319be0140bc28e92682c0a3039303432414638";

    // radclient 3.2.1, secret testing123: Disconnect-Request with Message-Authenticator (see the codec tests).
    private const string RadclientDisconnect =
        "28600054099d0802cac97231d39c3169525933600105626f622c0a354133423030303104060a0000011f1330432d43362d46442d37422d38422d4141370669257e205012b18bfb895f3deb1585f9d838fae220d8";

    // radclient 3.2.1, secret testing123: CoA-Request with tagged tunnel attributes and Mikrotik/WISPr/ChilliSpot VSAs.
    private const string RadclientCoa =
        "2b7a006663baf1bbf52cac48d9fcb1ee6b2973400107616c69636540060100000d410601000006510501343245150182dedf600b4e24e8054486f01682f002579d1a0d00003a8c0807324d2f344d1a0c0000372a07060007d0001a0c000038df050600000400";

    private static (int Exit, string Output, string Error) Run(string stdin, params string[] args)
    {
        var root = new RootCommand();
        var packet = new Command("packet");
        packet.Subcommands.Add(PacketDecodeCommand.Create(() => new StringReader(stdin)));
        root.Subcommands.Add(packet);
        using var output = new StringWriter();
        using var error = new StringWriter();
        ParseResult parse = root.Parse(["packet", "decode", .. args]);
        Assert.Empty(parse.Errors);
        int exit = parse.Invoke(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonElement Single(string output)
    {
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        return JsonDocument.Parse(lines[0]).RootElement;
    }

    [Fact]
    public void RightSecret_ReportsValidAuthenticators()
    {
        (int exit, string output, string error) = Run(string.Empty, "--secret", "testing123", RadclientDisconnect);
        Assert.Equal(0, exit);
        Assert.Empty(error);
        JsonElement json = Single(output);
        Assert.Equal(40, json.GetProperty("code").GetInt32());
        Assert.Equal("Disconnect-Request", json.GetProperty("code_name").GetString());
        Assert.Equal(0x60, json.GetProperty("identifier").GetInt32());
        Assert.Equal(84, json.GetProperty("length").GetInt32());
        Assert.True(json.GetProperty("request_authenticator_valid").GetBoolean());
        Assert.True(json.GetProperty("message_authenticator_valid").GetBoolean());
        Assert.False(json.TryGetProperty("response_authenticator_valid", out _));
        JsonElement first = json.GetProperty("attributes")[0];
        Assert.Equal(1, first.GetProperty("type").GetInt32());
        Assert.Equal("User-Name", first.GetProperty("name").GetString());
        Assert.Equal("bob", first.GetProperty("value").GetString());
    }

    [Fact]
    public void WrongSecret_ReportsInvalid()
    {
        JsonElement json = Single(Run(string.Empty, "--secret", "nope", RadclientDisconnect).Output);
        Assert.False(json.GetProperty("request_authenticator_valid").GetBoolean());
        Assert.False(json.GetProperty("message_authenticator_valid").GetBoolean());
    }

    [Fact]
    public void NoSecret_LeavesValidityOut()
    {
        JsonElement json = Single(Run(string.Empty, FlexinetsDisconnect).Output);
        Assert.False(json.TryGetProperty("request_authenticator_valid", out _));
        Assert.Equal("09042AF8", json.GetProperty("attributes")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void Stdin_DecodesOnePacketPerLine_AndMalformedGivesError()
    {
        string stdin = $"{FlexinetsDisconnect}\n\n2801001700000000000000000000000000000000010562\nnot-hex\n{RadclientCoa}\n";
        (int exit, string output, _) = Run(stdin, "--secret", "xyzzy5461", "-");
        Assert.Equal(1, exit); // a line that did not decode makes the run fail, after every line was printed
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.True(JsonDocument.Parse(lines[0]).RootElement.GetProperty("request_authenticator_valid").GetBoolean());
        Assert.Equal("""{"error":"attribute runs past the end of the packet"}""", lines[1]);
        Assert.Equal("""{"error":"not a hex string"}""", lines[2]);
        Assert.False(JsonDocument.Parse(lines[3]).RootElement.GetProperty("request_authenticator_valid").GetBoolean());
    }

    [Fact]
    public void TaggedAndEncryptedAttributes_WithTheShippedDictionary()
    {
        JsonElement attributes = Single(Run(string.Empty, "--secret", "testing123", RadclientCoa).Output).GetProperty("attributes");
        Assert.Equal("Tunnel-Type", attributes[1].GetProperty("name").GetString());
        Assert.Equal(1, attributes[1].GetProperty("tag").GetInt32());
        Assert.Equal("VLAN", attributes[1].GetProperty("value").GetString());
        Assert.Equal("s3cr3t-pw", attributes[4].GetProperty("value").GetString());
        Assert.Equal(14988u, attributes[5].GetProperty("vendor_id").GetUInt32());
        Assert.Equal(8u, attributes[5].GetProperty("vendor_type").GetUInt32());
        Assert.Equal("2M/4M", attributes[5].GetProperty("value").GetString());
    }

    [Trait("Category", "RealService")] // reads FreeRADIUS's dictionaries from /usr/share/freeradius (freeradius-common)
    [Fact]
    public void UsrShareFreeradius_NamesVendorAttributes()
    {
        // Cisco-AVPair (vendor 9, type 1) is not in the shipped set but is in FreeRADIUS's.
        const string Vsa = "1a2900000009012373756273637269626572 3a636f6d6d616e643d7265617574 68656e746963617465";
        string attributes = Vsa.Replace(" ", string.Empty, StringComparison.Ordinal);
        string packet = $"2b01{20 + (attributes.Length / 2):x4}{new string('0', 32)}{attributes}";
        JsonElement shipped = Single(Run(string.Empty, packet).Output).GetProperty("attributes")[0];
        Assert.Equal("Attr-26.9.1", shipped.GetProperty("name").GetString());
        JsonElement freeradius = Single(Run(string.Empty, "--dictionary", "/usr/share/freeradius", packet).Output).GetProperty("attributes")[0];
        Assert.Equal("Cisco-AVPair", freeradius.GetProperty("name").GetString());
        Assert.Equal("subscriber:command=reauthenticate", freeradius.GetProperty("value").GetString());
    }

    [Fact]
    public void Response_IsCheckedAgainstTheRequestAuthenticator()
    {
        // RFC 2865 §7.1: the Access-Accept answering the example request (authenticator 0f403f94…), secret xyzzy5461.
        const string Accept = "0200002686fe220e7624ba2a1005f6bf9b55e0b20606000000010f06000000000e06c0a80103";
        JsonElement right = Single(Run(string.Empty, "--secret", "xyzzy5461", "--request-authenticator", "0f403f9473978057bd83d5cb98f4227a", Accept).Output);
        Assert.True(right.GetProperty("response_authenticator_valid").GetBoolean());
        JsonElement noAuth = Single(Run(string.Empty, "--secret", "xyzzy5461", Accept).Output);
        Assert.False(noAuth.TryGetProperty("response_authenticator_valid", out _));
    }

    [Theory]
    [InlineData("--request-authenticator", "abc")]
    [InlineData("--dictionary", "/nonexistent/dictionaries")]
    public void UsageErrors_Exit2WithNothingOnStdout(string option, string value)
    {
        (int exit, string output, string error) = Run(string.Empty, option, value, FlexinetsDisconnect);
        Assert.Equal(2, exit);
        Assert.Empty(output);
        Assert.StartsWith("packet decode:", error, StringComparison.Ordinal);
    }
}
