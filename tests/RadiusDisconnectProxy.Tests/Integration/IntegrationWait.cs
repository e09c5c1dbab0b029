namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>Bounded polling for states reached asynchronously (no fixed sleeps).</summary>
internal static class IntegrationWait
{
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"not reached within {timeout}: {what ?? "condition"}");
            }
        }
    }

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string? what = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(50, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"not reached within {timeout}: {what ?? "condition"}");
            }
        }
    }
}
