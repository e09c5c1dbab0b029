namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>A simulator process ends when its parent closes stdin, on Ctrl-C/SIGTERM, or after its lifetime.</summary>
internal static class SimulatorLifetime
{
    public static async Task WaitAsync(TimeSpan lifetime, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(lifetime);
        Task stdinClosed = Console.IsInputRedirected
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
}
