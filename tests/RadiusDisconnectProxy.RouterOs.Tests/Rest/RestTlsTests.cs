using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Rest;

/// <summary>The certificate is decided in the handshake, so a refused one never sees a request, nor the password.</summary>
public sealed class RestTlsTests : IAsyncLifetime
{
    private RouterOsSimulator _router = null!;

    public async Task InitializeAsync() => _router = await RestFixture.StartAsync();

    public async Task DisposeAsync() => await _router.DisposeAsync();

    [Fact]
    public async Task A_Self_Signed_Certificate_Fails_The_CA_Store_Check_Before_Any_Request()
    {
        using var client = new RouterOsRestClient(RestFixture.Https(_router) with { CertificateFingerprint = null });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(() => client.GetOneAsync("system/resource", CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.TlsFailed, e.Cause);
        Assert.Equal(1, client.RejectedCertificates);
        Assert.True(_router.RestConnectionCount >= 1);
        Assert.Equal(0, _router.RestRequestCount);
    }

    [Fact]
    public async Task A_Different_Pin_Is_Refused_Before_Any_Request()
    {
        using var client = new RouterOsRestClient(RestFixture.Https(_router) with { CertificateFingerprint = new string('A', 64) });

        RouterOsException e = await Assert.ThrowsAsync<RouterOsException>(() => client.GetOneAsync("system/resource", CancellationToken.None));

        Assert.Equal(RouterOsErrorCause.TlsFailed, e.Cause);
        Assert.Equal(0, _router.RestRequestCount);
    }

    [Fact]
    public async Task The_Pin_Is_Accepted_Without_Colons_In_Upper_Case()
    {
        string pin = SelfSignedCertificate.Sha256Fingerprint(_router.RestCertificate!).Replace(":", "", StringComparison.Ordinal);
        using var client = new RouterOsRestClient(RestFixture.Https(_router) with { CertificateFingerprint = pin });

        Assert.NotNull(await client.GetOneAsync("system/resource", CancellationToken.None));
    }

    [Fact]
    public async Task Verify_No_Accepts_Any_Certificate()
    {
        using var client = new RouterOsRestClient(RestFixture.Https(_router) with { CertificateFingerprint = null, VerifyCertificate = false });

        Assert.NotNull(await client.GetOneAsync("system/resource", CancellationToken.None));
        Assert.True(_router.RecordedRestRequests[0].HadCredentials);
    }
}
