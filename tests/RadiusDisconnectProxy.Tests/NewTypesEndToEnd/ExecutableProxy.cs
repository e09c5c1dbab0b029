using System.Diagnostics;
using System.Net;
using RadiusDisconnectProxy.Tests.Hosting;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// The built radius-disconnect-proxy executable (<c>serve --config</c>) on a free loopback UDP port with a generated
/// radius.conf (a client for 127.0.0.1, JSON logs so the audit trail can be read), shared by one test class; radclient
/// (the real one) talks to it. Stopped with SIGTERM, as systemd stops it.
/// </summary>
internal sealed class ExecutableProxy : IAsyncDisposable
{
    public const string Secret = "testing123";

    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(60);

    private readonly DaemonConfig _config;
    private readonly DaemonProcess _daemon;

    private ExecutableProxy(DaemonConfig config, DaemonProcess daemon, int port)
    {
        _config = config;
        _daemon = daemon;
        EndPoint = new IPEndPoint(IPAddress.Loopback, port);
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>The generated radius.conf, for the operator commands (<c>nas test</c>, <c>sessions</c>) against the same NASes.</summary>
    public string ConfigPath => _config.Path;

    /// <summary>Everything the daemon logged so far (stdout: JSON lines).</summary>
    public string Log => _daemon.Output + _daemon.Error;

    public static async Task<ExecutableProxy> StartAsync(string body, IReadOnlyDictionary<string, string>? environment = null)
    {
        int port = DaemonProcess.FreeUdpPort();
        var config = new DaemonConfig(DaemonConfig.Listen(port)
            + $"client local {{ ipaddr = 127.0.0.1  secret = {Secret} }}\nlog {{ level = info  format = json }}\n" + body);
        var daemon = new DaemonProcess(["serve", "--config", config.Path], environment);
        try
        {
            await daemon.WaitForOutputAsync("Listening for Disconnect/CoA-Requests", s_startTimeout);
        }
        catch
        {
            daemon.Dispose();
            config.Dispose();
            throw;
        }

        return new ExecutableProxy(config, daemon, port);
    }

    /// <summary>
    /// radclient with one try (<c>-r 1</c>) and <paramref name="timeoutSeconds"/>: a reply at all proves the proxy answered
    /// before the client gave up. Returns the answer and how long the whole exchange took.
    /// </summary>
    public async Task<(RadclientResult Answer, TimeSpan Elapsed)> RadclientAsync(string command, string attributes, int timeoutSeconds = 4)
    {
        var clock = Stopwatch.StartNew();
        RadclientResult answer = await RadclientRunner.RunAsync(EndPoint, command, Secret, attributes, timeoutSeconds, retries: 1);
        clock.Stop();
        Assert.True(answer.GotReply, $"no answer within radclient's {timeoutSeconds} s: {answer}\n{Log}");
        return (answer, clock.Elapsed);
    }

    /// <summary>The JSON log lines that contain every one of <paramref name="words"/>.</summary>
    public IReadOnlyList<string> LogLines(params string[] words) =>
        Log.Split('\n').Where(line => words.All(w => line.Contains(w, StringComparison.Ordinal))).ToList();

    /// <summary>Waits for a log line (the audit is written by a background task, just after the answer).</summary>
    public Task<string> WaitForLogAsync(string text) => _daemon.WaitForOutputAsync(text, TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_daemon.HasExited)
            {
                _daemon.Terminate();
                await _daemon.WaitForExitAsync(TimeSpan.FromSeconds(30));
            }
        }
        catch (OperationCanceledException)
        {
            // Dispose kills it.
        }
        finally
        {
            _daemon.Dispose();
            _config.Dispose();
        }
    }
}
