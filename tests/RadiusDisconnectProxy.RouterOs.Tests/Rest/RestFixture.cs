using RadiusDisconnectProxy.RouterOs.Rest;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.RouterOs.Tests.Rest;

/// <summary>A simulated router with its REST face served, and clients for it.</summary>
internal static class RestFixture
{
    public static async Task<RouterOsSimulator> StartAsync(RouterOsSimulatorOptions? options = null)
    {
        var router = new RouterOsSimulator(options);
        await router.StartRestAsync();
        return router;
    }

    /// <summary>Over HTTPS with the router's certificate pinned (lower case with colons: any notation is accepted).</summary>
    public static RouterOsRestOptions Https(RouterOsSimulator router) => new()
    {
        Host = router.Host, Port = router.RestHttpsPort, UseTls = true, Username = router.Options.Username,
        Password = router.Options.Password,
        CertificateFingerprint = SelfSignedCertificate.Sha256Fingerprint(router.RestCertificate!).ToLowerInvariant(),
    };

    public static RouterOsRestOptions Http(RouterOsSimulator router) => new()
    {
        Host = router.Host, Port = router.RestHttpPort, UseTls = false, Username = router.Options.Username,
        Password = router.Options.Password,
    };
}
