namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Cancelled when the host gives up waiting at shutdown: drivers then stop and their requests get NAK 506. The
/// listener, which owns the drain, calls <see cref="Abort"/>; the executor hands <see cref="Token"/> to every call.
/// </summary>
public sealed class DriverAbort : IDisposable
{
    private readonly CancellationTokenSource _source = new();

    public CancellationToken Token => _source.Token;

    public void Abort() => _source.Cancel();

    public void Dispose() => _source.Dispose();
}
