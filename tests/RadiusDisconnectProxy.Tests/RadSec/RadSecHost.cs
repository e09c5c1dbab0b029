using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.RadSec;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Tests.EndToEnd;
using RadiusDisconnectProxy.Tests.Pipeline;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>
/// The real UDP and RadSec listeners and the pipeline in one host on 127.0.0.1 (ports 0), with a throw-away PKI:
/// UDP client "local" (testing123) and RadSec client "fr1" (proto = tls), both on 127.0.0.1.
/// </summary>
internal sealed class RadSecHost : IAsyncDisposable
{
    private RadSecHost(TestPki pki, ProxyHost proxy, X509Certificate2 clientCertificate)
    {
        Pki = pki;
        Proxy = proxy;
        ClientCertificate = clientCertificate;
        TlsEndPoint = proxy.Services.GetRequiredService<RadSecListener>().LocalEndPoints[0];
    }

    public TestPki Pki { get; }

    public ProxyHost Proxy { get; }

    public TestDriver Driver => Proxy.Driver;

    /// <summary>A certificate for CN=fr1 from the trusted CA.</summary>
    public X509Certificate2 ClientCertificate { get; }

    public IPEndPoint TlsEndPoint { get; }

    public static async Task<RadSecHost> StartAsync(Func<ListenTlsOptions, ListenTlsOptions>? tune = null, string? subject = null,
        string tlsClientNetwork = "127.0.0.1/32", IReadOnlyList<NasTarget>? nases = null, TestDriver? driver = null,
        Action<IServiceCollection>? configure = null, Func<ClientOptions, ClientOptions>? tuneClient = null)
    {
        TestPki pki = TestPki.Create();
        ProxyOptions baseOptions = TestOptions.Create(nases: nases);
        var listenTls = new ListenTlsOptions
        {
            Addresses = [IPAddress.Loopback],
            Port = 0,
            CertificatePath = pki.ServerCertificate,
            PrivateKeyPath = pki.ServerKey,
            CaFilePath = pki.CaFile,
        };
        listenTls = tune?.Invoke(listenTls) ?? listenTls;
        CertificateSubject.TryNormalize(subject ?? "CN=unused", out string normalized);
        ProxyOptions options = baseOptions with
        {
            ListenTls = listenTls,
            Clients =
            [
                .. baseOptions.Clients,
                (tuneClient ?? (c => c))(new ClientOptions
                {
                    Name = "fr1",
                    Networks = [IPNetwork.Parse(tlsClientNetwork)],
                    Secret = "radsec",
                    Proto = ClientProto.Tls,
                    CertificateSubject = subject is null ? null : normalized,
                    Security = baseOptions.Security,
                }),
            ],
        };
        ProxyHost proxy = await ProxyHost.StartAsync(options, driver, configure: services =>
        {
            configure?.Invoke(services);
            services.AddRadSec(options);
        });
        return new RadSecHost(pki, proxy, TestPki.Load(pki.IssueClient("CN=fr1")));
    }

    public Task<RadSecTestClient> ConnectAsync(X509Certificate2? certificate = null, IReadOnlyList<string>? alpn = null,
        SslProtocols protocols = SslProtocols.None) =>
        RadSecTestClient.ConnectAsync(TlsEndPoint, certificate ?? ClientCertificate, Pki.CaFile, alpn, protocols);

    public async ValueTask DisposeAsync()
    {
        await Proxy.DisposeAsync();
        ClientCertificate.Dispose();
        Pki.Dispose();
    }
}
