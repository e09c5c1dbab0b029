using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Net;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.Listener;

/// <summary>
/// The UDP front door (docs/operations.md, "Listening"): binds every <c>listen</c> address in <see cref="StartAsync"/> (so systemd's READY
/// means bound, and a bind failure fails start-up), runs one receive loop per socket, and on stop stops receiving, then
/// waits until every accepted request was answered (bounded by the host's shutdown timeout, after which drivers are
/// cancelled and the rest is answered NAK 506).
/// </summary>
internal sealed class UdpListener : IHostedService, IDisposable
{
    private readonly ListenOptions _listen;
    private readonly PipelineOptions _options;
    private readonly RequestPipeline _pipeline;
    private readonly DriverAbort _abort;
    private readonly ILogger<UdpListener> _logger;
    private readonly CancellationTokenSource _stopReceiving = new();
    private readonly List<ListenerSocket> _sockets = [];
    private readonly List<Task> _loops = [];

    public UdpListener(ProxyOptions options, PipelineOptions pipelineOptions, RequestPipeline pipeline, DriverAbort abort, ILogger<UdpListener> logger)
    {
        _listen = options.Listen;
        _options = pipelineOptions;
        _pipeline = pipeline;
        _abort = abort;
        _logger = logger;
    }

    /// <summary>The bound endpoints (with the real port when configured as 0).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [.. _sockets.Select(s => s.LocalEndPoint)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (IPAddress address in _listen.Addresses)
            {
                _sockets.Add(ListenerSocket.Bind(address, _listen.Port, _options.ReceiveBufferSize, _pipeline, _logger));
            }
        }
        catch
        {
            DisposeSockets();
            throw;
        }

        foreach (ListenerSocket socket in _sockets)
        {
            _loops.Add(socket.StartReceiving(_stopReceiving.Token));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopReceiving.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_loops).ConfigureAwait(false);

        ListenerLog.Draining(_logger, _pipeline.Pending.Count);
        Task drained = _pipeline.Pending.WhenDrained();
        try
        {
            await drained.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Out of time: cancel the drivers so everything still in flight is answered NAK 506 right away.
            ListenerLog.DrainTimedOut(_logger, _pipeline.Pending.Count);
            _abort.Abort();
            await Task.WhenAny(drained, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None)).ConfigureAwait(false);
        }

        // The last answers may have been relayed inside a send batch (the I/O thread's round, or in the fallback mode an
        // upstream socket's receive thread), which sends at its end: let it end before the sockets close, or an answer
        // counted as sent would never leave.
        await SendBatch.WhenFlushedAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);

        DisposeSockets();
    }

    public void Dispose()
    {
        DisposeSockets();
        _stopReceiving.Dispose();
    }

    private void DisposeSockets()
    {
        foreach (ListenerSocket socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
