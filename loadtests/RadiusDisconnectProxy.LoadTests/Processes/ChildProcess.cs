using System.Diagnostics;

namespace RadiusDisconnectProxy.LoadTests.Processes;

/// <summary>
/// A process the load tool started: its output goes to a log file (never through a pipe we would have to drain
/// with our own CPU), and it is stopped by its own id: SIGTERM, then SIGKILL after a grace period.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, string logPath, string name)
    {
        _process = process;
        LogPath = logPath;
        Name = name;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <paramref name="file"/> with <paramref name="arguments"/> through <c>sh -c 'exec …'</c> (same pid) with
    /// stdout and stderr appended to <paramref name="logPath"/>. stdin stays a pipe: closing it stops our simulators.
    /// </summary>
    public static ChildProcess Start(string name, string file, IEnumerable<string> arguments, string logPath, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, RedirectStandardInput = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("exec \"$0\" \"$@\" >>\"$RDP_LOAD_LOG\" 2>&1");
        info.ArgumentList.Add(file);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["RDP_LOAD_LOG"] = logPath;
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach ((string key, string value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        return new ChildProcess(Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}"), logPath, name);
    }

    /// <summary>Waits until the log contains <paramref name="marker"/>; returns that line.</summary>
    public async Task<string> WaitForLogLineAsync(string marker, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (File.Exists(LogPath))
            {
                string? line = (await File.ReadAllLinesAsync(LogPath, cancellationToken).ConfigureAwait(false))
                    .FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line;
                }
            }

            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited ({_process.ExitCode}) before printing '{marker}'; see {LogPath}:\n{Tail()}");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"{Name} did not print '{marker}' within {timeout.TotalSeconds:0}s; see {LogPath}:\n{Tail()}");
    }

    public string Tail(int lines = 20)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "";
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                using (Process? term = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                {
                    await (term?.WaitForExitAsync() ?? Task.CompletedTask).ConfigureAwait(false);
                }

                using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill();
                    await _process.WaitForExitAsync().ConfigureAwait(false);
                }
            }
        }
        catch (InvalidOperationException)
        {
            // Already reaped.
        }
        finally
        {
            _process.Dispose();
        }
    }
}
