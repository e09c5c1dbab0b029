using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting.Reload;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>Which <c>listen_tls</c> changes a SIGHUP reload logs as needing a restart (docs/radsec.md, "Reload").</summary>
public class RadSecRestartOnlyTests
{
    private static readonly ListenTlsOptions s_tls = new()
    {
        Addresses = [IPAddress.Loopback],
        Port = 2083,
        CertificatePath = "/etc/tls/proxy.pem",
        PrivateKeyPath = "/etc/tls/proxy.key",
        CaFilePath = "/etc/tls/ca.pem",
    };

    [Fact]
    public void CertificateFilesAndConnectionSettings_ApplyLive()
    {
        ProxyOptions running = TestOptions.Create() with { ListenTls = s_tls };
        ProxyOptions next = running with
        {
            ListenTls = s_tls with
            {
                CertificatePath = "/etc/tls/renewed.pem", PrivateKeyPath = "/etc/tls/renewed.key", CaFilePath = "/etc/tls/ca2.pem",
                Radius11 = Radius11Mode.Require, IdleTimeout = TimeSpan.FromSeconds(30), MaxConnectionsPerClient = 2,
            },
        };

        Assert.DoesNotContain(ConfigReloader.RestartOnlyChanges(running, next), s => s.Contains("listen_tls", StringComparison.Ordinal));
    }

    [Fact]
    public void AddressPortAndTheSectionItself_NeedARestart()
    {
        ProxyOptions running = TestOptions.Create() with { ListenTls = s_tls };

        Assert.Contains("listen_tls (addresses or port)", ConfigReloader.RestartOnlyChanges(running, running with { ListenTls = s_tls with { Port = 2084 } }));
        Assert.Contains("listen_tls (addresses or port)",
            ConfigReloader.RestartOnlyChanges(running, running with { ListenTls = s_tls with { Addresses = [IPAddress.IPv6Any] } }));
        Assert.Contains("listen_tls section (added)", ConfigReloader.RestartOnlyChanges(running with { ListenTls = null }, running));
        Assert.Contains(ConfigReloader.RestartOnlyChanges(running, running with { ListenTls = null }),
            s => s.StartsWith("listen_tls section (removed", StringComparison.Ordinal));
    }
}
