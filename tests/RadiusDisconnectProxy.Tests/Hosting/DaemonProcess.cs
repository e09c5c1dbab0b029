using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>The built radius-disconnect-proxy run as a child process, its stdout and stderr collected.</summary>
internal sealed class DaemonProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _stdout;
    private readonly Task<string> _stderr;

    public DaemonProcess(IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "radius-disconnect-proxy.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The child must not inherit overrides or a notify socket from whoever runs the tests.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("RDP__", StringComparison.OrdinalIgnoreCase) || k == "NOTIFY_SOCKET").ToList())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the daemon");
        _stdout = _process.StandardOutput.ReadToEndAsync();
        _stderr = _process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    /// <summary>Sends SIGTERM, as systemd does on stop.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public async Task<(int ExitCode, string Output, string Error)> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return (_process.ExitCode, await _stdout, await _stderr);
    }

    /// <summary>A TCP port free on loopback right now.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
