using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Coova;
using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Syntax;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Configuration;

public class ConfParserTests
{
    [Fact]
    public void OneLineClient_IsValid()
    {
        ProxyOptions options = TempConfig.Parse("client a { ipaddr = 10.0.0.1 secret = x }");

        ClientOptions client = Assert.Single(options.Clients);
        Assert.Equal("a", client.Name);
        Assert.Equal(new IPNetwork(IPAddress.Parse("10.0.0.1"), 32), Assert.Single(client.Networks));
        Assert.Equal("x", client.Secret);
    }

    [Fact]
    public void PairSeparators_WhitespaceNewlinesCommasSemicolons()
    {
        ConfDocument doc = ConfParser.Parse("security { max_pending = 5, duplicate_cache_size = 7;\n require_event_timestamp = yes ;; }", "f");

        Assert.Equal("5", doc.Values["security:max_pending"]);
        Assert.Equal("7", doc.Values["security:duplicate_cache_size"]);
        Assert.Equal("yes", doc.Values["security:require_event_timestamp"]);
    }

    [Fact]
    public void QuotedValues_KeepSpacesSeparatorsAndEscapes()
    {
        ConfDocument doc = ConfParser.Parse(
            "radiusdesk { connection_string = \"Server=a;Database=rd # not a comment, {x}\" }\n" +
            "client c { secret = \"say \\\"hi\\\" \\\\ there\"  ipaddr = 10.0.0.1 }", "f");

        Assert.Equal("Server=a;Database=rd # not a comment, {x}", doc.Values["radiusdesk:connection_string"]);
        Assert.Equal("say \"hi\" \\ there", doc.Values["client:c:secret"]);
    }

    [Fact]
    public void EmptyQuotedValue_IsAnEmptyString()
    {
        ConfDocument doc = ConfParser.Parse("nas x { api_password = \"\" }", "f");
        Assert.Equal("", doc.Values["nas:x:api_password"]);
    }

    [Fact]
    public void RepeatedKey_BecomesAnIndexedList_SingleKeyStaysScalar()
    {
        ConfDocument doc = ConfParser.Parse("listen { ipaddr = 127.0.0.1  ipaddr = ::1  port = 1 }", "f");

        Assert.Equal("127.0.0.1", doc.Values["listen:ipaddr:0"]);
        Assert.Equal("::1", doc.Values["listen:ipaddr:1"]);
        Assert.Equal("1", doc.Values["listen:port"]);
        Assert.False(doc.Values.ContainsKey("listen:ipaddr"));
    }

    [Fact]
    public void NestedBlocks_BecomeNestedKeys_WithLines()
    {
        ConfDocument doc = ConfParser.Parse(
            "# a comment\nnas mesh12 {  # trailing comment\n  type = CoovaMeshdesk\n  node 146 {\n    mac = C4-4B-D1-00-97-49\n  }\n}\n", "f");

        Assert.Equal("CoovaMeshdesk", doc.Values["nas:mesh12:type"]);
        Assert.Equal("C4-4B-D1-00-97-49", doc.Values["nas:mesh12:node:146:mac"]);
        Assert.Equal(2, doc.Lines["nas:mesh12"]);
        Assert.Equal(4, doc.Lines["nas:mesh12:node:146"]);
        Assert.Equal(5, doc.Lines["nas:mesh12:node:146:mac"]);
    }

    [Fact]
    public void BraceOnNextLine_IsAccepted()
    {
        ConfDocument doc = ConfParser.Parse("client a\n{\n ipaddr = 10.0.0.1\n}\n", "f");
        Assert.Equal("10.0.0.1", doc.Values["client:a:ipaddr"]);
    }

    [Fact]
    public void FullMeshNas_IsReadIntoCoovaSettings()
    {
        ProxyOptions options = TempConfig.Parse(
            "mqtt { }\nnas mesh12 { type = CoovaMeshdesk  nasidentifier = mcp_12\n" +
            "  node 146 { mac = c4:4b:d1:00:97:49  mesh_id = MY-MESH }\n  node 147 { mac = c44bd1009750  mesh_id = MY-MESH } }");

        NasTarget nas = Assert.Single(options.Nases);
        var coova = Assert.IsType<CoovaNasSettings>(nas.Settings);
        Assert.Equal([new MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH"), new MeshNode(147, "C4-4B-D1-00-97-50", "MY-MESH")], coova.Nodes);
        Assert.Null(coova.AccessPoint);
        Assert.Equal(MqttMode.Embedded, options.Mqtt.Mode);
    }

    [Theory]
    [InlineData("client a { ipaddr = 10.0.0.1\n", 1, "never closed")]
    [InlineData("listen { }\n}\n", 2, "without a matching")]
    [InlineData("\n\nbogus { x = 1 }", 3, "unknown section 'bogus'")]
    [InlineData("\nclient { ipaddr = 1.2.3.4 }", 2, "needs a name")]
    [InlineData("\nlisten foo { port = 1 }", 2, "expected '=' or '{' after 'listen'")]
    [InlineData("listen {\n port 3799 }", 2, "expected '=' after 'port'")]
    [InlineData("listen {\n port =\n }", 2, "missing value after 'port ='")]
    [InlineData("client a {\n secret = \"abc\n }", 2, "unterminated quoted value")]
    [InlineData("client a {\n secret = \"a\\nb\" }", 2, "unknown escape")]
    [InlineData("client a { }\n\nclient A { }", 3, "duplicate 'client A' (first defined at line 1)")]
    [InlineData("listen { }\nlisten { }", 2, "duplicate 'listen'")]
    [InlineData("nas m {\n node = 1\n node 2 { } }", 3, "used both as a key")]
    [InlineData("nas m {\n foo { } }", 2, "unknown block 'foo' inside 'nas'")]
    [InlineData("nas m {\n foo 1 { } }", 2, "expected '=' after 'foo'")]
    [InlineData("listen {\n = 5 }", 2, "unexpected '='")]
    public void SyntaxErrors_NameFileAndLine(string text, int line, string message)
    {
        ConfigurationException e = TempConfig.ParseError(text);

        Assert.Equal(line, e.Line);
        Assert.Contains(message, e.Reason, StringComparison.Ordinal);
        Assert.StartsWith($"{e.File}:{line}: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnreadableFile_IsAConfigurationError()
    {
        string missing = Path.Combine(Path.GetTempPath(), "rdp-missing-" + Guid.NewGuid().ToString("N"), "radius.conf");
        var e = Assert.Throws<ConfigurationException>(() => ProxyOptionsLoader.Load(missing, NasTypes.Builtin.All, environment: new Dictionary<string, string>()));
        Assert.Equal(missing, e.File);
    }
}
