using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.TestSupport.Services;
using RadiusDisconnectProxy.Tests.Pipeline;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

[Trait("Category", "RealService")]
public class MetricsEndpointTests
{
    private static int FreeTcpPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    [Fact]
    public async Task PrometheusText_IsServedOnTheConfiguredLoopbackEndpoint()
    {
        var listen = new IPEndPoint(IPAddress.Loopback, FreeTcpPort());
        await using ProxyHost proxy = await ProxyHost.StartAsync(TestOptions.Create() with { MetricsListen = listen });
        RadclientResult result = await proxy.RadclientAsync("disconnect", "User-Name = \"a\", NAS-Identifier = \"nas1\"");
        Assert.Equal("Disconnect-ACK", result.ReplyCode);

        using var http = new HttpClient();
        string text = await http.GetStringAsync(new Uri($"http://{listen}/metrics"));
        Assert.Contains("radproxy_das_disconnect_acks_total{client=\"local\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("radproxy_pending_requests 0", text, StringComparison.Ordinal);
        Assert.Contains("dotnet_collection_count_total", text, StringComparison.Ordinal);
    }
}
