using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Nas;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// One real proxy executable and the simulated RouterOS v7 routers it talks REST to, for the whole
/// <see cref="MikrotikRestEndToEndTests"/> class. Each <c>nas</c> entry is one situation (one per NAS-Identifier):
/// <list type="bullet">
/// <item><c>r7</c>, <c>r7http</c>, <c>r7reject</c>, <c>r7coa</c>, <c>r7noverify</c>, <c>r7badpw</c>: the <see cref="Main"/>
/// router (self-signed certificate) pinned, over HTTP, <c>multiple_sessions = reject</c>, CoA forwarded to
/// <see cref="RouterRadius"/>, <c>api_tls_verify = no</c>, a wrong password;</item>
/// <item><c>r7ca</c>: <see cref="Trusted"/>, whose certificate a CA in the (test's) system store issued for "localhost";</item>
/// <item><c>r7badpin</c>, <c>r7untrusted</c>: <see cref="Refusing"/> (self-signed) with a wrong pin, and by the CA store;</item>
/// <item><c>r7misnamed</c>: <see cref="Misnamed"/>, a CA-issued certificate for "localhost" reached as 127.0.0.1;</item>
/// <item><c>r7ok200</c>: <see cref="Deletes200"/>, whose DELETE answers 200 with an empty body;</item>
/// <item><c>r7down</c>: a closed port; <c>r7hang</c> (HTTP), <c>r7hangtls</c> (HTTPS): a port that accepts TCP and never answers.</item>
/// </list>
/// </summary>
public sealed class MikrotikRestEndToEndFixture : IAsyncLifetime
{
    public const string CoaSecret = "router-coa-secret";

    private readonly TestCertificateAuthority _ca = new();
    private readonly TcpListener _hanging = new(IPAddress.Loopback, 0);
    private X509Certificate2? _trustedCertificate;
    private X509Certificate2? _misnamedCertificate;
    private ExecutableProxy? _proxy;
    private int _next;

    public RouterOsSimulator Main { get; } = new();

    public RouterOsSimulator Trusted { get; } = new();

    public RouterOsSimulator Refusing { get; } = new();

    public RouterOsSimulator Misnamed { get; } = new();

    /// <summary>A router whose DELETE answers 200 (some builds; tik4net's table) instead of 204.</summary>
    public RouterOsSimulator Deletes200 { get; } = new(new RouterOsSimulatorOptions { RestDeleteStatus = 200 });

    /// <summary>RouterOS's own RADIUS incoming service (an RFC 5176 NAS stand-in) for <c>coa_port</c>/<c>secret</c>.</summary>
    public NasSimulator RouterRadius { get; } = NasSimulator.Start(CoaSecret);

    internal ExecutableProxy Proxy => _proxy ?? throw new InvalidOperationException("not started");

    /// <summary>A number no other test of the class uses, for unique users, MACs and addresses.</summary>
    public int Next() => Interlocked.Increment(ref _next);

    public async Task InitializeAsync()
    {
        _hanging.Start();
        _trustedCertificate = _ca.IssueServer("localhost");
        _misnamedCertificate = _ca.IssueServer("localhost");
        await Task.WhenAll(Main.StartRestAsync(), Trusted.StartRestAsync(_trustedCertificate), Refusing.StartRestAsync(),
            Misnamed.StartRestAsync(_misnamedCertificate), Deletes200.StartRestAsync());
        string pin = SelfSignedCertificate.Sha256Fingerprint(Main.RestCertificate!);
        string otherPin = SelfSignedCertificate.Sha256Fingerprint(Trusted.RestCertificate!).ToLowerInvariant().Replace(":", "", StringComparison.Ordinal);
        string user = Main.Options.Username, password = Main.Options.Password;
        int down = DaemonProcess.FreeTcpPort();
        int hang = ((IPEndPoint)_hanging.LocalEndpoint).Port;
        string body = string.Create(CultureInfo.InvariantCulture, $$"""
            mqtt { mode = off }
            nas r7 { type = Mikrotik-Rest-API  nasidentifier = r7  api_host = 127.0.0.1  api_port = {{Main.RestHttpsPort}}
                     api_tls_fingerprint = {{pin}}  api_username = {{user}}  api_password = {{password}} }
            nas r7http { type = Mikrotik-Rest-API  nasidentifier = r7http  api_host = 127.0.0.1  api_port = {{Main.RestHttpPort}}  api_tls = no
                         api_username = {{user}}  api_password = {{password}} }
            nas r7reject { type = Mikrotik-Rest-API  nasidentifier = r7reject  api_host = 127.0.0.1  api_port = {{Main.RestHttpsPort}}
                           api_tls_fingerprint = {{pin}}  api_username = {{user}}  api_password = {{password}}  multiple_sessions = reject }
            nas r7coa { type = Mikrotik-Rest-API  nasidentifier = r7coa  api_host = 127.0.0.1  api_port = {{Main.RestHttpsPort}}
                        api_tls_fingerprint = {{pin}}  api_username = {{user}}  api_password = {{password}}
                        coa_port = {{RouterRadius.Endpoint.Port}}  secret = {{CoaSecret}} }
            nas r7noverify { type = Mikrotik-Rest-API  nasidentifier = r7noverify  api_host = 127.0.0.1  api_port = {{Main.RestHttpsPort}}
                             api_tls_verify = no  api_username = {{user}}  api_password = {{password}} }
            nas r7badpw { type = Mikrotik-Rest-API  nasidentifier = r7badpw  api_host = 127.0.0.1  api_port = {{Main.RestHttpsPort}}
                          api_tls_fingerprint = {{pin}}  api_username = {{user}}  api_password = not-the-password }
            nas r7ca { type = Mikrotik-Rest-API  nasidentifier = r7ca  api_host = localhost  api_port = {{Trusted.RestHttpsPort}}
                       api_username = {{user}}  api_password = {{password}} }
            nas r7badpin { type = Mikrotik-Rest-API  nasidentifier = r7badpin  api_host = 127.0.0.1  api_port = {{Refusing.RestHttpsPort}}
                           api_tls_fingerprint = {{otherPin}}  api_username = {{user}}  api_password = {{password}} }
            nas r7untrusted { type = Mikrotik-Rest-API  nasidentifier = r7untrusted  api_host = 127.0.0.1  api_port = {{Refusing.RestHttpsPort}}
                              api_username = {{user}}  api_password = {{password}} }
            nas r7misnamed { type = Mikrotik-Rest-API  nasidentifier = r7misnamed  api_host = 127.0.0.1  api_port = {{Misnamed.RestHttpsPort}}
                             api_username = {{user}}  api_password = {{password}} }
            nas r7ok200 { type = Mikrotik-Rest-API  nasidentifier = r7ok200  api_host = 127.0.0.1  api_port = {{Deletes200.RestHttpPort}}  api_tls = no
                          api_username = {{user}}  api_password = {{password}} }
            nas r7down { type = Mikrotik-Rest-API  nasidentifier = r7down  api_host = 127.0.0.1  api_port = {{down}}
                         api_tls_verify = no  api_username = {{user}}  api_password = {{password}} }
            nas r7hang { type = Mikrotik-Rest-API  nasidentifier = r7hang  api_host = 127.0.0.1  api_port = {{hang}}  api_tls = no
                         api_username = {{user}}  api_password = {{password}} }
            nas r7hangtls { type = Mikrotik-Rest-API  nasidentifier = r7hangtls  api_host = 127.0.0.1  api_port = {{hang}}
                            api_tls_verify = no  api_username = {{user}}  api_password = {{password}} }

            """);
        // The test CA is the child's whole system CA store (OpenSSL's SSL_CERT_FILE, honoured by .NET on Linux).
        _proxy = await ExecutableProxy.StartAsync(body, new Dictionary<string, string> { ["SSL_CERT_FILE"] = _ca.CaFile });
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        await Task.WhenAll(Main.DisposeAsync().AsTask(), Trusted.DisposeAsync().AsTask(), Refusing.DisposeAsync().AsTask(),
            Misnamed.DisposeAsync().AsTask(), Deletes200.DisposeAsync().AsTask(), RouterRadius.DisposeAsync().AsTask());
        _hanging.Stop();
        _trustedCertificate?.Dispose();
        _misnamedCertificate?.Dispose();
        _ca.Dispose();
    }
}
