using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Client;

public sealed class TlsTests : IAsyncLifetime
{
    private X509Certificate2 _certificate = null!;
    private RouterOsSimulator _router = null!;

    public Task InitializeAsync()
    {
        _certificate = SelfSignedCertificate.Create();
        _router = new RouterOsSimulator(new RouterOsSimulatorOptions { Certificate = _certificate });
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _router.DisposeAsync();
        _certificate.Dispose();
    }

    [Fact]
    public async Task A_Self_Signed_Certificate_Is_Refused_By_Default()
    {
        await using var client = new RouterOsClient(_router.CreateClientOptions());

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.TlsFailed, e.Cause);
        Assert.Equal(0, _router.LoginCount);
    }

    [Fact]
    public async Task A_Pinned_Fingerprint_Accepts_It()
    {
        string pin = SelfSignedCertificate.Sha256Fingerprint(_certificate);
        await using var client = new RouterOsClient(_router.CreateClientOptions() with { CertificateFingerprint = pin });

        Response response = await client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None);

        Assert.Single(response.Rows);
        Assert.Equal(1, _router.LoginCount);
    }

    [Fact]
    public async Task A_Different_Pinned_Fingerprint_Is_Refused()
    {
        await using var client = new RouterOsClient(_router.CreateClientOptions() with { CertificateFingerprint = new string('a', 64) });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(
            () => client.ExecuteAsync(new Command("/system/resource/print"), CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.TlsFailed, e.Cause);
    }
}
