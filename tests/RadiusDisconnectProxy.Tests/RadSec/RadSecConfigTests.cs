using System.Security.Authentication;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Tests.Configuration;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary><c>listen_tls</c> and <c>client … { proto = tls }</c> in radius.conf (docs/configuration.md, docs/radsec.md).</summary>
public sealed class RadSecConfigTests : IDisposable
{
    private readonly TestPki _pki = TestPki.Create();

    private string ListenTls(string extra = "") =>
        $"listen_tls {{ ipaddr = 127.0.0.1  port = 2083  certificate = {_pki.ServerCertificate}  private_key = {_pki.ServerKey}  ca_file = {_pki.CaFile}\n{extra} }}\n";

    [Fact]
    public void ListenTlsAndTlsClient_AreRead()
    {
        ProxyOptions options = TempConfig.Parse(ListenTls("radius_v1_1 = require  idle_timeout = 30s  max_connections_per_client = 4")
            + "client fr1 { ipaddr = 127.0.0.1  proto = tls  certificate_subject = \"CN=fr1, O=Example\" }\n"
            + "client local { ipaddr = 127.0.0.1  secret = testing123 }\n");

        ListenTlsOptions tls = Assert.IsType<ListenTlsOptions>(options.ListenTls);
        Assert.Equal(2083, tls.Port);
        Assert.Equal(Radius11Mode.Require, tls.Radius11);
        Assert.Equal(SslProtocols.Tls13, tls.MinVersion);   // require implies TLS 1.3 (RFC 9765)
        Assert.Equal(TimeSpan.FromSeconds(30), tls.IdleTimeout);
        Assert.Equal(4, tls.MaxConnectionsPerClient);
        ClientOptions fr1 = Assert.Single(options.Clients, c => c.Name == "fr1");
        Assert.Equal(ClientProto.Tls, fr1.Proto);
        Assert.Equal("radsec", fr1.Secret);
        Assert.NotNull(fr1.CertificateSubject);
        Assert.Equal(ClientProto.Udp, Assert.Single(options.Clients, c => c.Name == "local").Proto);
    }

    [Fact]
    public void Defaults_FollowRfc9765AndRfc6614()
    {
        ListenTlsOptions tls = TempConfig.Parse(ListenTls()).ListenTls!;
        Assert.Equal(Radius11Mode.Allow, tls.Radius11);
        Assert.Equal(SslProtocols.Tls12, tls.MinVersion);
        Assert.Equal(TimeSpan.FromSeconds(120), tls.IdleTimeout);
        Assert.Null(TempConfig.Parse("client c { ipaddr = 10.0.0.1  secret = x }").ListenTls);
    }

    [Theory]
    [InlineData("client t {\n ipaddr = 10.0.0.1  proto = tls }", 2, "there is no listen_tls section")]
    [InlineData("client t { ipaddr = 10.0.0.1\n proto = sctp }", 2, "'proto' must be one of udp | tls")]
    [InlineData("client t { ipaddr = 10.0.0.1  secret = x\n certificate_subject = \"CN=a\" }", 2, "applies to RadSec clients only")]
    [InlineData("listen_tls {\n port = 2083 }", 1, "listen_tls needs 'certificate'")]
    [InlineData("listen_tls { certificate = /nonexistent/cert.pem\n private_key = x ca_file = y }", 1, "does not exist")]
    public void Errors_NameFileAndLine(string text, int line, string message)
    {
        ConfigurationException e = TempConfig.ParseError(text);
        Assert.Contains(message, e.Reason, StringComparison.Ordinal);
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void TlsClient_WithAnotherSecret_IsAnError()
    {
        ConfigurationException e = TempConfig.ParseError(ListenTls() + "client t { ipaddr = 10.0.0.1  proto = tls\n secret = hunter2-secret }");
        Assert.Contains("fixed secret \"radsec\"", e.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyThatDoesNotMatchTheCertificate_IsAnError()
    {
        (string _, string otherKey) = _pki.IssueClient("CN=other");
        ConfigurationException e = TempConfig.ParseError(
            $"listen_tls {{ certificate = {_pki.ServerCertificate}\n private_key = {otherKey}  ca_file = {_pki.CaFile} }}");
        Assert.Contains("cannot load certificate", e.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SameAddress_MayBeAUdpAndATlsClient_ButNotTwoTlsClients()
    {
        ProxyOptions options = TempConfig.Parse(ListenTls() + "client u { ipaddr = 10.0.0.1  secret = x }\nclient t { ipaddr = 10.0.0.1  proto = tls }");
        Assert.Equal(2, options.Clients.Count);
        ConfigurationException e = TempConfig.ParseError(ListenTls() + "client t { ipaddr = 10.0.0.1  proto = tls }\nclient t2 { proto = tls\n ipaddr = 10.0.0.1 }");
        Assert.Contains("already the address of client t", e.Reason, StringComparison.Ordinal);
    }

    public void Dispose() => _pki.Dispose();
}
