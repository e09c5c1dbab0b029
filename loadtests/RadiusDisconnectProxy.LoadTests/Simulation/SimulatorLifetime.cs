namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// A simulator process ends on Ctrl-C/SIGTERM, after its lifetime, or — only when its stdin is a pipe, as when the load
/// tool starts it (Processes/ChildProcess) — when its parent closes that pipe. A simulator started by hand in the
/// background (<c>… &amp;</c>, <c>nohup</c>, systemd) has /dev/null or a terminal as stdin: it keeps running until a signal.
/// </summary>
internal static class SimulatorLifetime
{
    public static async Task WaitAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(lifetime);
        Task stdinClosed = StdinIsPipe()
            ? Task.Run(async () =>
            {
                using var reader = new StreamReader(Console.OpenStandardInput());
                while (await reader.ReadLineAsync(stop.Token).ConfigureAwait(false) is not null)
                {
                }
            }, stop.Token)
            : Task.Delay(Timeout.Infinite, stop.Token);
        try
        {
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token)).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>fd 0 is a pipe (Linux: /proc/self/fd/0 links to "pipe:[inode]").</summary>
    private static bool StdinIsPipe()
    {
        try
        {
            return File.ResolveLinkTarget("/proc/self/fd/0", returnFinalTarget: false)?.FullName.Contains("pipe:[", StringComparison.Ordinal) == true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
