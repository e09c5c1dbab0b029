using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.TestSupport.Services;

/// <summary>
/// A private mosquitto 2.0 on a free loopback port in a temporary directory (reference/test-services.md), optionally
/// with a password file. <see cref="StopAsync"/> and <see cref="StartAsync()"/> take it down and bring it back on the
/// same port (for broker-down tests); disposing kills it by its process id and deletes the directory.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(10);

    private readonly string _directory;
    private readonly string _configPath;
    private Process? _process;

    private readonly IReadOnlyList<string> _extraConfig;

    private MosquittoBroker(string directory, int port, string? username, string? password, IReadOnlyList<string>? extraConfig = null)
    {
        _extraConfig = extraConfig ?? [];
        _directory = directory;
        Port = port;
        Username = username;
        Password = password;
        _configPath = Path.Combine(directory, "mosquitto.conf");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    public string? Username { get; }

    public string? Password { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>
    /// Starts a broker; with <paramref name="username"/> it refuses anonymous clients. <paramref name="extraConfig"/> lines
    /// go after the generated ones (a bridge <c>connection</c> section must come last).
    /// </summary>
    public static async Task<MosquittoBroker> StartAsync(string? username = null, string? password = null, IReadOnlyList<string>? extraConfig = null)
    {
        string directory = Directory.CreateTempSubdirectory("rdp-mosquitto-").FullName;
        var broker = new MosquittoBroker(directory, FreeTcpPort(), username, password, extraConfig);
        try
        {
            await broker.WriteConfigurationAsync().ConfigureAwait(false);
            await broker.StartAsync().ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>(Re)starts mosquitto on <see cref="Port"/> and waits until it accepts TCP connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo("mosquitto")
        {
            ArgumentList = { "-c", _configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = _directory,
        };
        Process process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < s_readyTimeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {process.ExitCode} (config {_configPath})");
            }

            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await probe.ConnectAsync(IPAddress.Loopback, Port).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25).ConfigureAwait(false);
            }
        }

        throw new TimeoutException($"mosquitto did not accept connections on port {Port} within {s_readyTimeout}");
    }

    /// <summary>Kills the broker (every client connection drops at once) and waits for it to exit.</summary>
    public async Task StopAsync()
    {
        Process? process = _process;
        _process = null;
        if (process is null)
        {
            return;
        }

        using (process)
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            await process.WaitForExitAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }

    /// <summary>A port that was free a moment ago: bind 127.0.0.1:0, read it, close.</summary>
    public static int FreeTcpPort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }

    private async Task WriteConfigurationAsync()
    {
        var config = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"listener {Port} 127.0.0.1"),
            "persistence false",
            // Room for the scale tests: a thousand commands and replies in flight on a handful of connections.
            "max_queued_messages 100000",
            "max_inflight_messages 0",
            // Without it mosquitto holds small packets back for the peer's delayed ACK (Nagle): ~15 ms median per request.
            "set_tcp_nodelay true",
            // Run as root (CI), mosquitto would switch to the "mosquitto" user, who cannot read this private directory.
            "user " + Environment.UserName,
        };
        if (Username is null)
        {
            config.Add("allow_anonymous true");
        }
        else
        {
            string passwordFile = Path.Combine(_directory, "passwd");
            await RunAsync("mosquitto_passwd", "-c", "-b", passwordFile, Username, Password ?? "").ConfigureAwait(false);
            config.Add("allow_anonymous false");
            config.Add("password_file " + passwordFile);
        }

        config.AddRange(_extraConfig);
        await File.WriteAllLinesAsync(_configPath, config).ConfigureAwait(false);
    }

    private static async Task RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException(program + " did not start");
        string error = await process.StandardError.ReadToEndAsync().ConfigureAwait(false);
        await process.WaitForExitAsync().ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} failed ({process.ExitCode}): {error}");
        }
    }
}
