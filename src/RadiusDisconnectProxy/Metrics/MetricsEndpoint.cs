using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prometheus;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.Metrics;

/// <summary>
/// The optional Prometheus endpoint (<c>metrics { listen = 127.0.0.1:9812 }</c>; docs/operations.md, "Metrics"): a
/// minimal HTTP/1.1 server on exactly the configured address (any form: <c>127.0.0.1</c>, <c>[::1]</c>,
/// <c>0.0.0.0</c>, <c>[::]</c>) serving <c>GET /metrics</c> whatever the Host header says — which an HttpListener
/// prefix cannot do without binding every address. One request per connection (Connection: close), a few at a time.
/// Started with the host, so a port that is taken fails start-up with a clear message.
/// </summary>
internal sealed partial class MetricsEndpoint(IPEndPoint listen, ProxyMetrics metrics, ILogger<MetricsEndpoint> logger) : IHostedService, IDisposable
{
    private const int MaxRequestHeaderBytes = 8192;
    private const int MaxConcurrentScrapes = 4;
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _scrapes = new(MaxConcurrentScrapes, MaxConcurrentScrapes);
    private Socket? _socket;
    private Task _accepting = Task.CompletedTask;

    /// <summary>The bound endpoint (with the real port when configured as 0).</summary>
    public IPEndPoint? LocalEndPoint => _socket?.LocalEndPoint as IPEndPoint;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(listen.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (listen.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true; // [::] means every address, IPv4 included
            }

            socket.Bind(listen);
            socket.Listen(16);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new InvalidOperationException($"Cannot serve metrics on {Format(listen)}: {ex.Message}", ex);
        }

        _socket = socket;
        _accepting = AcceptLoopAsync(socket, _stop.Token);
        Listening(logger, Format(LocalEndPoint ?? listen));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _accepting.ConfigureAwait(false);
    }

    public void Dispose()
    {
        _socket?.Dispose();
        _stop.Dispose();
        _scrapes.Dispose();
    }

    private static string Format(IPEndPoint endpoint) =>
        endpoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();

    private async Task AcceptLoopAsync(Socket socket, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await socket.AcceptAsync(stop).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            if (!_scrapes.Wait(0))
            {
                client.Dispose(); // more concurrent scrapers than anyone needs: refuse rather than queue
                continue;
            }

            _ = ServeAsync(client, stop);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stop)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
            timeout.CancelAfter(s_requestTimeout);
            await using var stream = new NetworkStream(client, ownsSocket: true);
            string? requestLine = await ReadRequestLineAsync(stream, timeout.Token).ConfigureAwait(false);
            string[] parts = requestLine?.Split(' ') ?? [];
            if (parts.Length != 3 || !parts[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
            {
                await WriteAsync(stream, "400 Bad Request", "text/plain", "bad request\n"u8.ToArray(), head: false, timeout.Token).ConfigureAwait(false);
                return;
            }

            bool head = parts[0] == "HEAD";
            string path = parts[1].Split('?')[0];
            if (parts[0] is not ("GET" or "HEAD"))
            {
                await WriteAsync(stream, "405 Method Not Allowed", "text/plain", "GET /metrics\n"u8.ToArray(), head, timeout.Token).ConfigureAwait(false);
            }
            else if (path is not ("/metrics" or "/metrics/"))
            {
                await WriteAsync(stream, "404 Not Found", "text/plain", "metrics are at /metrics\n"u8.ToArray(), head, timeout.Token).ConfigureAwait(false);
            }
            else
            {
                using var body = new MemoryStream();
                await metrics.Registry.CollectAndExportAsTextAsync(body, timeout.Token).ConfigureAwait(false);
                await WriteAsync(stream, "200 OK", "text/plain; version=0.0.4; charset=utf-8", body.ToArray(), head, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The scraper went away or was too slow; nothing to answer.
        }
        finally
        {
            _scrapes.Release();
        }
    }

    /// <summary>Reads the request head (bounded) and returns its first line; the rest of the head is not needed.</summary>
    private static async Task<string?> ReadRequestLineAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        byte[] buffer = new byte[MaxRequestHeaderBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int n = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (n == 0)
            {
                break;
            }

            length += n;
            if (buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8) >= 0 || buffer.AsSpan(0, length).IndexOf("\n\n"u8) >= 0)
            {
                break;
            }
        }

        int end = buffer.AsSpan(0, length).IndexOf((byte)'\n');
        return end < 0 ? null : Encoding.ASCII.GetString(buffer, 0, end).TrimEnd('\r');
    }

    private static async Task WriteAsync(NetworkStream stream, string status, string contentType, byte[] body, bool head, CancellationToken cancellationToken)
    {
        string header = $"HTTP/1.1 {status}\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(header), cancellationToken).ConfigureAwait(false);
        if (!head)
        {
            await stream.WriteAsync(body, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = EventIds.Metrics.Listening, Level = LogLevel.Information, Message = "Prometheus metrics on http://{Endpoint}/metrics")]
    private static partial void Listening(ILogger logger, string endpoint);
}
