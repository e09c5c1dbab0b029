using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>
/// The real radius-disconnect-proxy executable serving a radius.conf with an <c>admin</c> section, on free loopback
/// ports, its output collected as it comes (so a test can look at the log while the daemon runs).
/// </summary>
internal sealed class ConsoleDaemon : IAsyncDisposable
{
    public const string User = "admin";
    public const string Password = "correct horse battery staple";
    public const string ClientSecret = "client-secret-6f1d";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _directory;

    private ConsoleDaemon(Process process, string directory, int consolePort, int radiusPort, string passwordHash)
    {
        _process = process;
        _directory = directory;
        ConsoleUrl = $"http://127.0.0.1:{consolePort}";
        RadiusEndPoint = new IPEndPoint(IPAddress.Loopback, radiusPort);
        PasswordHash = passwordHash;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string ConsoleUrl { get; }

    public IPEndPoint RadiusEndPoint { get; }

    public string PasswordHash { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="nases">nas sections to add (they may name the simulator's port).</param>
    public static async Task<ConsoleDaemon> StartAsync(string nases)
    {
        string directory = Path.Combine(Path.GetTempPath(), "rdp-console-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        int consolePort = FreeTcpPort();
        int radiusPort = FreeUdpPort();
        // A lower iteration count than the default keeps six logins cheap on a shared machine; the code path is the same.
        string hash = AdminPasswordHash.Create(Password, iterations: 100_000).Encode();
        string config = $$"""
            listen { ipaddr = 127.0.0.1  port = {{radiusPort}} }
            log { format = json }
            client local { ipaddr = 127.0.0.1  secret = {{ClientSecret}} }
            {{nases}}
            admin { listen = 127.0.0.1:{{consolePort}}  username = {{User}}  password_hash = "{{hash}}" }
            """;
        string path = Path.Combine(directory, "radius.conf");
        await File.WriteAllTextAsync(path, config);

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "radius-disconnect-proxy.dll"));
        start.ArgumentList.Add("serve");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(path);
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("RDP__", StringComparison.OrdinalIgnoreCase) || k == "NOTIFY_SOCKET").ToList())
        {
            start.Environment.Remove(name);
        }

        var daemon = new ConsoleDaemon(Process.Start(start) ?? throw new InvalidOperationException("the daemon did not start"), directory, consolePort, radiusPort, hash);
        await daemon.WaitUntilServingAsync();
        return daemon;
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        DateTime deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the daemon exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using HttpResponseMessage response = await http.GetAsync(ConsoleUrl + "/");
                if (response.IsSuccessStatusCode && Output.Contains("Listening for Disconnect/CoA-Requests", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"the console did not answer within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
