using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Drains the audit queue in batches and writes one structured log event per answered request (logger category
/// <c>RadiusDisconnectProxy.Audit</c>). Registered before the listener, so on shutdown it stops after the listener
/// answered everything in flight and then writes what is left.
/// </summary>
internal sealed partial class AuditWriter(AuditLog auditLog, ILoggerFactory loggerFactory) : BackgroundService
{
    private const int BatchSize = 256;
    private readonly ILogger _logger = loggerFactory.CreateLogger("RadiusDisconnectProxy.Audit");

    // After a partial batch, wait this long for more before waking again: under load one wake-up of the writer (and of a
    // thread-pool worker, which then spins) carries hundreds of events instead of a few; idle, an event waits at most this.
    private static readonly TimeSpan s_coalesce = TimeSpan.FromMilliseconds(5);

    private static readonly Func<AuditWriter, int> s_writeBatch = static writer => writer.WriteBatch();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // One write(2) per batch rather than per event (the console sink flushes after every event).
        BatchFlushingConsoleWriter.InstallIfRedirected();
        try
        {
            while (await auditLog.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                if (BatchFlushingConsoleWriter.FlushDeferred(s_writeBatch, this) < BatchSize)
                {
                    await Task.Delay(s_coalesce, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        // Shutting down: the listener has stopped and answered everything, so what is queued is all there is.
        auditLog.Complete();
        while (auditLog.Reader.TryPeek(out _))
        {
            BatchFlushingConsoleWriter.FlushDeferred(s_writeBatch, this);
        }
    }

    private int WriteBatch()
    {
        int written = 0;
        for (; written < BatchSize && auditLog.Reader.TryRead(out AuditEvent? e); written++)
        {
            Answered(
                _logger,
                e.Client,
                e.ClientEndPoint.ToString(),
                e.Code.ToString(),
                e.Identifier,
                e.Nas ?? "-",
                e.Keys?.UserName,
                e.Keys?.AcctSessionId,
                e.Keys?.CallingStationId,
                e.Keys?.FramedIpAddress?.ToString(),
                e.IsAck ? "ACK" : "NAK",
                e.ErrorCause is { } cause ? (uint)cause : null,
                Math.Round(e.Latency.TotalMilliseconds, 3),
                e.Detail);
        }

        return written;
    }

    [LoggerMessage(EventId = EventIds.Audit.Answered, Level = LogLevel.Information,
        Message = "{Code} {Identifier} from {Client} ({ClientAddress}) for NAS {Nas}: {Result} {ErrorCause} in {LatencyMs} ms; user {UserName} session {AcctSessionId} station {CallingStationId} ip {FramedIpAddress}; {Detail}")]
    private static partial void Answered(ILogger logger, string client, string clientAddress, string code, byte identifier, string nas,
        string? userName, string? acctSessionId, string? callingStationId, string? framedIpAddress, string result, uint? errorCause, double latencyMs, string? detail);
}
