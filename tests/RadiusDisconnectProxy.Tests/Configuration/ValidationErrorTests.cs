using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Tests.Configuration;

/// <summary>Every validation error names the file and the line of the offending key (or of its block).</summary>
public class ValidationErrorTests
{
    private const string Client = "client base { ipaddr = 10.9.9.9  secret = s3cr3t-value }\n";

    [Theory]
    // unknown sections and keys
    [InlineData("listen {\n  prot = 1 }", 2, "unknown key 'prot' in listen")]
    [InlineData("client c {\n ipaddr = 10.0.0.1 secret = x\n colour = red }", 3, "unknown key 'colour'")]
    [InlineData("mqtt {\n mode = embedded\n  hostname = x }", 3, "unknown key 'hostname' in mqtt")]
    [InlineData("nas x { type = other  ipaddr = 127.0.0.1 secret = x\n  api_port = 1 }", 2, "unknown key 'api_port' for a nas of type other")]
    // bad values
    [InlineData("listen {\n port = 70000 }", 2, "'port' must be a whole number from 0 to 65535, not '70000'")]
    [InlineData("listen {\n ipaddr = localhost }", 2, "'ipaddr' must be '*' or an IPv4 or IPv6 address")]
    [InlineData("listen { ipaddr = *\n ipaddr = 127.0.0.1 }", 1, "cannot be combined")]
    [InlineData("listen { ipaddr = 127.0.0.1\n ipaddr = 127.0.0.1 }", 2, "given twice")]
    [InlineData("security {\n event_timestamp_window = 5x }", 2, "'event_timestamp_window' must be a positive duration")]
    [InlineData("security {\n require_event_timestamp = true }", 2, "'require_event_timestamp' must be yes or no, not 'true'")]
    [InlineData("security {\n require_message_authenticator = maybe }", 2, "must be one of auto | yes | no")]
    [InlineData("security {\n max_pending = 0 }", 2, "'max_pending' must be a whole number from 1")]
    [InlineData("security { max_pending = 1\n max_pending = 2 }", 2, "'max_pending' is given more than once")]
    [InlineData("metrics {\n listen = 127.0.0.1 }", 2, "'listen' must be address:port")]
    [InlineData("audit {\n enabled = 1 }", 2, "'enabled' must be yes or no")]
    [InlineData("mqtt {\n mode = cloud }", 2, "must be one of embedded | external | off")]
    [InlineData("mqtt {\n server = broker.example }", 2, "with mode = embedded, 'server' is the address the broker binds")]
    [InlineData("mqtt {\n tls = yes }", 2, "TLS is turned on by 'tls_certificate' and 'tls_key'")]
    [InlineData("mqtt { mode = embedded\n server = * }", 2, "without a login: anyone who reaches it could command the nodes")]
    [InlineData("mqtt { mode = embedded\n server = 192.0.2.7 }", 2, "listen on 127.0.0.1, or set 'allow_anonymous = yes'")]
    [InlineData("mqtt { mode = embedded  server = *  username = n  password = p\n allow_anonymous = yes }", 2, "contradicts 'username'")]
    [InlineData("mqtt { mode = external\n allow_anonymous = yes }", 2, "applies to mode = embedded only")]
    [InlineData("mqtt { mode = embedded\n tls_certificate = cert.pem }", 2, "'tls_certificate' and 'tls_key' go together")]
    [InlineData("mqtt { mode = external\n tls_certificate = c.pem  tls_key = k.pem }", 2, "the embedded broker's own TLS files")]
    [InlineData("mqtt { mode = embedded  tls_key = missing.key\n tls_certificate = missing.pem }", 2, "cannot load the TLS certificate")]
    [InlineData("mqtt {\n mode = external\n reply_timeout = 0 }", 3, "'reply_timeout' must be a positive duration")]
    [InlineData("radiusdesk {\n cache_ttl = 5s }", 1, "radiusdesk needs 'connection_string'")]
    [InlineData("radiusdesk { connection_string = \"Server=db;Database=rd\"\n verify = sometimes }", 2, "must be one of none | accounting")]
    [InlineData("radiusdesk {\n connection_string = \"Server=db;Database=rd;Bogus=1\" }", 2, "connection_string: Option 'bogus' not supported")]
    [InlineData("dictionary {\n dir = no-such-dir }", 2, "does not exist")]
    [InlineData("top = 1", 1, "unknown section 'top'")]
    // clients
    [InlineData("client c {\n secret = x }", 1, "client c needs 'ipaddr'")]
    [InlineData("client c { ipaddr = 10.0.0.1 }", 1, "client c needs a non-empty 'secret'")]
    [InlineData("client c { secret = x\n ipaddr = 10.0.0.1/8 }", 2, "CIDR prefix without host bits")]
    [InlineData("client c { secret = x\n ipaddr = 10.0.0.0/33 }", 2, "'ipaddr' must be an IP address or a CIDR prefix")]
    [InlineData("client c { secret = x  ipaddr = 10.0.0.1 }\nclient d { secret = y\n ipaddr = 10.0.0.1 }", 3, "already the address of client c")]
    [InlineData("client c { ipaddr = 10.0.0.1  secret = x\n duplicate_window = 0 }", 2, "'duplicate_window' must be a positive duration")]
    [InlineData("client e {\n}", 1, "client e needs 'ipaddr'")]
    // nas: common
    [InlineData("nas x {\n}", 1, "nas x needs 'type'")]
    [InlineData("nas x {\n nasidentifier = a }", 1, "nas x needs 'type'")]
    [InlineData("nas x {\n type = Cisco  nasidentifier = a }", 2, "unknown nas type 'Cisco'")]
    [InlineData("nas x {\n type = Mikrotik-API  api_username = u }", 1, "needs 'nasidentifier' or 'ipaddr'")]
    [InlineData("nas x {\n type = Mikrotik-API  api_username = u ipaddr = 127.0.0.300 }", 2, "'ipaddr' must be an IPv4 or IPv6 address")]
    [InlineData("nas a { type = Mikrotik-API api_username = u nasidentifier = n api_host = h }\nnas b { type = Mikrotik-API api_username = u api_host = h\n nasidentifier = n }", 3, "already used by nas a")]
    [InlineData("nas a { type = Mikrotik-API api_username = u ipaddr = 127.0.0.1 }\nnas b { type = Mikrotik-API api_username = u\n ipaddr = 127.0.0.1 }", 3, "ipaddr 127.0.0.1 is already used by nas a")]
    // nas: other
    [InlineData("nas x {\n type = other  nasidentifier = a  secret = s }", 1, "(type other) needs 'ipaddr'")]
    [InlineData("nas x {\n type = other  ipaddr = 127.0.0.1 }", 1, "(type other) needs a non-empty 'secret'")]
    [InlineData("nas x { type = other  ipaddr = 127.0.0.1 secret = s\n coa_port = 0 }", 2, "'coa_port' must be a whole number from 1 to 65535")]
    [InlineData("nas x { type = other  ipaddr = 127.0.0.1 secret = s\n mrc = 0 mrd = 0 }", 2, "would retransmit forever")]
    [InlineData("nas x { type = other  ipaddr = 127.0.0.1 secret = s\n irt = 5s mrt = 1s }", 2, "must not be shorter than 'irt'")]
    [InlineData("nas x { type = other  ipaddr = 127.0.0.1 secret = s\n strip_proxy_state = maybe }", 2, "must be yes or no")]
    // nas: Mikrotik-API
    [InlineData("nas x {\n type = Mikrotik-API  ipaddr = 127.0.0.1 }", 1, "nas x needs 'api_username'")]
    [InlineData("nas x {\n type = Mikrotik-API  nasidentifier = a  api_username = u }", 1, "needs 'api_host' or 'ipaddr'")]
    [InlineData("nas x { type = Mikrotik-API  ipaddr = 127.0.0.1  api_username = u\n multiple_sessions = some }", 2, "must be one of allow | reject")]
    [InlineData("nas x { type = Mikrotik-API  ipaddr = 127.0.0.1  api_username = u\n api_tls_fingerprint = ab }", 2, "needs 'api_tls = yes'")]
    [InlineData("nas x { type = Mikrotik-API  ipaddr = 127.0.0.1  api_username = u api_tls = yes\n api_tls_fingerprint = ab }", 2, "must be a SHA-256")]
    [InlineData("nas x { type = Mikrotik-API  ipaddr = 127.0.0.1  api_username = u\n coa_port = 3799 }", 2, "'coa_port' needs 'secret'")]
    [InlineData("nas x { type = Mikrotik-API  nasidentifier = a api_host = router.lan  api_username = u\n secret = s }", 2, "needs 'ipaddr' or an address in 'api_host'")]
    // nas: CoovaMeshdesk
    [InlineData("mqtt { }\nnas x {\n type = CoovaMeshdesk  ipaddr = 127.0.0.1 }", 2, "needs 'nasidentifier' (mcp_<exit> or ap_<id>_cp_<exit>)")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk\n nasidentifier = hotspot1 }", 3, "must be mcp_<exit> (MESHdesk) or ap_<id>_cp_<exit>")]
    [InlineData("mqtt { }\nnas x {\n type = CoovaMeshdesk nasidentifier = mcp_1 }", 2, "needs at least one gateway")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n mac = 00-11-22-33-44-55 }", 3, "'mac' belongs to an APdesk nas")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n node abc { mac = 00-11-22-33-44-55 mesh_id = m } }", 3, "a positive number, not 'abc'")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n node 5 {\n mac = 00-11-22-33-44 mesh_id = m } }", 4, "'mac' must be a MAC address")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n node 5 { mac = 00-11-22-33-44-55 } }", 3, "node 5 of nas x needs 'mesh_id'")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n node 5 { mac = 00-11-22-33-44-55 mesh_id = m\n colour = red } }", 4, "unknown key 'colour' in node 5 of nas x")]
    [InlineData("mqtt { }\nnas x {\n type = CoovaMeshdesk nasidentifier = ap_7_cp_1 }", 2, "nas x needs 'mac' (the AP's MAC)")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = ap_7_cp_1 mac = 00-11-22-33-44-55\n node 5 { mac = 00-11-22-33-44-55 mesh_id = m } }", 3, "'node' blocks belong to a MESHdesk nas")]
    [InlineData("mqtt { }\nnas x { type = CoovaMeshdesk nasidentifier = mcp_1\n node 5 { } }", 3, "node 5 of nas x needs 'mac'")]
    [InlineData("nas x {\n type = CoovaMeshdesk nasidentifier = ap_7_cp_1 mac = 00-11-22-33-44-55 }", 1, "there is no mqtt section (or mode = off)")]
    public void Errors_NameFileLineAndReason(string text, int line, string message)
    {
        ConfigurationException e = TempConfig.ParseError(Client + text);

        Assert.Contains(message, e.Reason, StringComparison.Ordinal);
        Assert.Equal(line + 1, e.Line);
        Assert.StartsWith($"{e.File}:{line + 1}: ", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("client c {\n ipaddr = 10.0.0.1 secret = hunter2-secret\n secret = hunter3-secret }")]
    [InlineData("nas x { type = other ipaddr = 127.0.0.1\n secret = hunter2-secret secret = hunter3-secret }")]
    [InlineData("nas x { type = Mikrotik-API ipaddr = 127.0.0.1 api_username = u\n api_password = hunter2-secret  api_password = hunter3-secret }")]
    [InlineData("radiusdesk {\n connection_string = \"Password=hunter2-secret\"  verify = bad }")]
    public void Errors_NeverEchoASecret(string text)
    {
        ConfigurationException e = TempConfig.ParseError(text);

        Assert.DoesNotContain("hunter", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThreeErrors_InDifferentBlocks_AreAllReported_InFileOrder()
    {
        ConfigurationException e = TempConfig.ParseError(
            "listen {\n port = 70000 }\n" +
            "client c { ipaddr = 10.0.0.1  secret = x\n colour = red }\n" +
            "nas x {\n type = cisco  ipaddr = 127.0.0.1 }\n");

        Assert.Equal([2, 4, 6], e.Errors.Select(error => error.Line));
        Assert.Contains("'port' must be a whole number from 0 to 65535", e.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown key 'colour' in client c", e.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown nas type 'cisco'", e.Errors[2].Reason, StringComparison.Ordinal);
        Assert.Equal(string.Join("\n", e.Errors.Select(error => error.Message)), e.Message);
        Assert.All(e.Errors, error => Assert.StartsWith($"{error.File}:{error.Line}: ", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ThreeErrors_InOneBlock_AreAllReported()
    {
        ConfigurationException e = TempConfig.ParseError(
            "security {\n max_pending = 0\n require_event_timestamp = true\n colour = red }\n");

        Assert.Equal([2, 3, 4], e.Errors.Select(error => error.Line));
        Assert.Contains("'max_pending' must be a whole number", e.Errors[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'require_event_timestamp' must be yes or no", e.Errors[1].Reason, StringComparison.Ordinal);
        Assert.Contains("unknown key 'colour' in security", e.Errors[2].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void OneError_IsReportedAlone()
    {
        ConfigurationException e = TempConfig.ParseError(Client + "listen {\n port = 70000 }");

        Assert.Same(e, Assert.Single(e.Errors));
    }
}
