using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Drains the audit queue in batches on its own thread and writes one line per answered request (event id 5001, logger
/// category <c>RadiusDisconnectProxy.Audit</c>, docs/operations.md "Audit"). In the daemon (<see cref="AuditConsoleOutput"/>
/// registered) each batch is rendered straight to UTF-8 in the console log's layout and leaves in one <c>write(2)</c>;
/// elsewhere (an embedding host, tests) each event goes through <see cref="ILogger"/>. Registered before the listener,
/// so on shutdown it stops after the listener answered everything in flight and then writes what is left.
/// </summary>
internal sealed partial class AuditWriter : IHostedService, IDisposable
{
    // After the first event of a batch, gather more for up to 20 ms, or until 256 are queued, before rendering: under light
    // load one wake-up of the writer carries (and one write(2) writes) everything of the last 20 ms; under heavy load
    // (60,000 answers/s) it wakes every 4 ms for a ~0.25 ms burst instead of every 20 ms for a ~1.3 ms one, which held a
    // core long enough to lift the request path's p99 by ~0.4 ms on two cores (loadtests/README.md, "Audit batches").
    // Idle, the writer sleeps in the queue with no timer at all.
    private const int CoalesceMilliseconds = 20;
    private const int CoalesceBatch = 256;

    private static readonly Func<AuditWriter, int> s_logBatch = static writer => writer.LogBatch();

    private readonly AuditLog _auditLog;
    private readonly ILogger _logger;
    private readonly AuditLineRenderer? _renderer;
    private AuditEntry[] _batch = [];
    private AuditEntry[] _spare = [];
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Stream? _stdout;
    private int _batchCount;
    private volatile bool _stopping;
    private Thread? _thread;

    public AuditWriter(AuditLog auditLog, ILoggerFactory loggerFactory, AuditConsoleOutput? consoleOutput = null)
    {
        _auditLog = auditLog;
        _logger = loggerFactory.CreateLogger("RadiusDisconnectProxy.Audit");
        _renderer = consoleOutput is null ? null : new AuditLineRenderer(consoleOutput.Layout);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _thread = new Thread(Run) { IsBackground = true, Name = "rdp-audit" };
        _thread.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The listener has stopped and answered everything: what is queued is all there is.
        _stopping = true;
        _auditLog.Complete();
        if (_thread is not null)
        {
            // Out of shutdown time: stop waiting (as a BackgroundService would); the thread keeps writing while the process lives.
            await Task.WhenAny(_ended.Task, Task.Delay(Timeout.Infinite, cancellationToken)).ConfigureAwait(false);
        }
    }

    public void Dispose() => _auditLog.Complete();

    private void Run()
    {
        try
        {
            // One write(2) per batch rather than per event for what goes through the logger (the console sink flushes
            // after every event); the pre-rendered path writes its own batch at once.
            BatchFlushingConsoleWriter.InstallIfRedirected();
            if (_renderer is not null)
            {
                _stdout = Console.OpenStandardOutput();
            }

            while (_auditLog.WaitToRead())
            {
                // Under steady load the next batch is gathered straight after this one is written, so each batch costs one
                // timed wake-up; the untimed wait above is reached again only after a gathering period that brought
                // nothing (one last timer after the traffic stops, then none while idle).
                while (WriteNextBatch() && !_stopping)
                {
                }
            }
        }
        finally
        {
            _ended.TrySetResult();
        }
    }

    /// <summary>Gathers a batch (unless stopping), writes it; false when there was nothing to write.</summary>
    private bool WriteNextBatch()
    {
        if (!_stopping)
        {
            _auditLog.WaitForBatch(CoalesceBatch, CoalesceMilliseconds);
        }

        _batch = _auditLog.TakeAll(_spare, out _batchCount);
        try
        {
            if (_batchCount == 0)
            {
                return false;
            }

            if (_renderer is not null)
            {
                WriteRendered();
            }
            else
            {
                BatchFlushingConsoleWriter.FlushDeferred(s_logBatch, this);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Standard output gone (a closed pipe): the events are lost, the proxy keeps answering.
        }
        finally
        {
            Array.Clear(_batch, 0, _batchCount); // let go of the strings before the array queues again
            _spare = _batch;
        }

        return true;
    }

    private void WriteRendered()
    {
        // The level still applies (log { level = warning } silences the audit trail, as it always has).
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        Utf8LineBuffer lines = _renderer!.Lines;
        lines.Clear();
        for (int i = 0; i < _batchCount; i++)
        {
            _renderer.Append(_batch[i]);
        }

        // Under the console writer's own lock (Console.Out is synchronized on itself), after what other threads logged
        // is flushed: lines never interleave and keep their order.
        TextWriter console = Console.Out;
        lock (console)
        {
            console.Flush();
            _stdout!.Write(lines.Written);
        }
    }

    private int LogBatch()
    {
        for (int i = 0; i < _batchCount; i++)
        {
            ref readonly AuditEntry e = ref _batch[i];
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
                AuditLineRenderer.LatencyMs(e),
                e.Detail);
        }

        return _batchCount;
    }

    // AuditLineRenderer renders exactly this template and these fields; AuditLineRendererTests hold the two together.
    [LoggerMessage(EventId = EventIds.Audit.Answered, Level = LogLevel.Information,
        Message = "{Code} {Identifier} from {Client} ({ClientAddress}) for NAS {Nas}: {Result} {ErrorCause} in {LatencyMs} ms; user {UserName} session {AcctSessionId} station {CallingStationId} ip {FramedIpAddress}; {Detail}")]
    internal static partial void Answered(ILogger logger, string client, string clientAddress, string code, byte identifier, string nas,
        string? userName, string? acctSessionId, string? callingStationId, string? framedIpAddress, string result, uint? errorCause, double latencyMs, string? detail);
}
