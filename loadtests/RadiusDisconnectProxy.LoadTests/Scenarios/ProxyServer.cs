using RadiusDisconnectProxy.LoadTests.Load;
using RadiusDisconnectProxy.LoadTests.Processes;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>The built radius-disconnect-proxy started as a real process with a generated radius.conf.</summary>
internal sealed class ProxyServer : IAsyncDisposable
{
    private readonly ChildProcess _process;

    private ProxyServer(ChildProcess process, System.Net.IPEndPoint endPoint, int metricsPort)
    {
        _process = process;
        EndPoint = endPoint;
        MetricsPort = metricsPort;
    }

    public System.Net.IPEndPoint EndPoint { get; }

    public int MetricsPort { get; }

    public int Pid => _process.Pid;

    public string LogPath => _process.LogPath;

    /// <summary>Writes radius.conf into <paramref name="workDirectory"/>, starts the proxy and waits until it answers.</summary>
    public static async Task<ProxyServer> StartAsync(string proxyPath, string config, string workDirectory, int listenPort, int metricsPort,
        string clientSecret, RequestTemplate probe)
    {
        Directory.CreateDirectory(workDirectory);
        string configPath = Path.Combine(workDirectory, "radius.conf");
        await File.WriteAllTextAsync(configPath, config).ConfigureAwait(false);
        (string file, string[] prefix) = proxyPath.EndsWith(".dll", StringComparison.Ordinal) ? ("dotnet", new[] { proxyPath }) : (proxyPath, []);
        ChildProcess process = ChildProcess.Start("radius-disconnect-proxy", file, [.. prefix, "serve", "--config", configPath], Path.Combine(workDirectory, "proxy.log"));
        var endPoint = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, listenPort);
        var server = new ProxyServer(process, endPoint, metricsPort);
        try
        {
            await DasProbe.WaitUntilAnsweringAsync(endPoint, clientSecret, probe, TimeSpan.FromSeconds(60), () => process.Tail()).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>The default location of the Release build, relative to the repository root.</summary>
    public static string DefaultPath(string repositoryRoot) =>
        Path.Combine(repositoryRoot, "src", "RadiusDisconnectProxy", "bin", "Release", "net10.0", "radius-disconnect-proxy");

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
