using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;

namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The RadSec front door (docs/radsec.md): binds every <c>listen_tls</c> address in <see cref="StartAsync"/> (a bind
/// failure fails start-up), accepts connections only from <c>proto = tls</c> client addresses and within
/// <c>max_connections_per_client</c>, runs the TLS handshake with mutual certificate authentication and ALPN
/// (RFC 9765), then serves each connection. On stop: no new connections, reads stop, requests in flight are answered
/// on their connections, then the connections close. On a SIGHUP reload (<see cref="Apply"/>, docs/radsec.md "Reload"):
/// new handshakes use the new certificate material and client list; established connections keep going unless their
/// client was removed or would no longer accept them.
/// </summary>
internal sealed class RadSecListener : IHostedService, IDisposable
{
    private readonly ListenTlsOptions _bound;
    private readonly RadSecClients _clients;
    private volatile RadSecTls _tls;
    private readonly RequestPipeline _pipeline;
    private readonly ProxyMetrics _proxyMetrics;
    private readonly RadSecMetrics _metrics;
    private readonly ILogger<RadSecListener> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _listeners = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _connections = [];
    private readonly HashSet<RadSecConnection> _open = [];
    private CancellationToken _drainDeadline;
    private TimeSpan _retireDeadline = TimeSpan.FromSeconds(30);
    private long _nextConnection;

    public RadSecListener(ProxyOptions options, RadSecClients clients, RequestPipeline pipeline, ProxyMetrics proxyMetrics, RadSecMetrics metrics,
        ILogger<RadSecListener> logger)
    {
        _bound = options.ListenTls ?? throw new InvalidOperationException("listen_tls is not configured");
        _clients = clients;
        _tls = new RadSecTls(_bound);
        _pipeline = pipeline;
        _proxyMetrics = proxyMetrics;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The bound endpoints (with the real port when configured as 0).</summary>
    public IReadOnlyList<IPEndPoint> LocalEndPoints => [.. _listeners.Select(s => (IPEndPoint)s.LocalEndPoint!)];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (IPAddress address in _bound.Addresses)
            {
                var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
                _listeners.Add(socket);
                if (address.Equals(IPAddress.IPv6Any))
                {
                    socket.DualMode = true;
                }

                socket.Bind(new IPEndPoint(address, _bound.Port));
                socket.Listen(128);
                RadSecLog.Listening(_logger, socket.LocalEndPoint!.ToString()!, _bound.Radius11.ToString().ToLowerInvariant(),
                    _bound.MinVersion == SslProtocols.Tls13 ? "1.3" : "1.2");
            }
        }
        catch (SocketException ex)
        {
            DisposeListeners();
            throw new InvalidOperationException($"Cannot listen on tcp port {_bound.Port} for RadSec: {ex.Message}", ex);
        }

        foreach (Socket listener in _listeners)
        {
            _acceptLoops.Add(AcceptLoopAsync(listener));
        }

        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _drainDeadline = cancellationToken;
        await _stopping.CancelAsync().ConfigureAwait(false);
        DisposeListeners();
        await Task.WhenAll(_acceptLoops).ConfigureAwait(false);
        Task[] open;
        lock (_lock)
        {
            open = [.. _connections];
        }

        await Task.WhenAll(open).WaitAsync(cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
    }

    private async Task AcceptLoopAsync(Socket listener)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;   // a connection reset before accept completed
            }

            Task connection = ServeAsync(socket);
            lock (_lock)
            {
                if (!connection.IsCompleted)
                {
                    _connections.Add(connection);
                }
            }

            _ = connection.ContinueWith(t =>
            {
                lock (_lock)
                {
                    _connections.Remove(t);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        var remote = (IPEndPoint)socket.RemoteEndPoint!;
        string remoteText = remote.ToString();
        // One snapshot of the reloadable settings per connection: a reload while it is set up affects only later ones.
        RadSecTls tls = _tls;
        ListenTlsOptions options = tls.Options;
        int generation = _clients.Generation;
        RadSecClient? client = _clients.Find(SourceAddress.ToUInt128(remote.Address));
        if (client is null)
        {
            _proxyMetrics.InvalidClientAddresses.Inc();
            Refuse(socket, remoteText, "unknown_client", "not the address of any client with proto = tls");
            return;
        }

        if (!client.TryOpen())
        {
            Refuse(socket, remoteText, "connection_limit", $"client {client.Name} already has {client.MaxConnections} connection(s)");
            return;
        }

        try
        {
            await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: true), leaveInnerStreamOpen: false);
            ConfigureSocket(socket);
            if (await HandshakeAsync(stream, tls, client, remoteText).ConfigureAwait(false) is not { } radius11)
            {
                return;
            }

            long id = Interlocked.Increment(ref _nextConnection);
            var connection = new RadSecConnection(stream, client, _pipeline, _metrics, _logger, remote, id, radius11, options.IdleTimeout)
            {
                PeerSubject = (stream.RemoteCertificate as X509Certificate2)?.SubjectName.Name,
            };
            RadSecLog.Connected(_logger, id, remoteText, client.Name, stream.RemoteCertificate?.Subject ?? "-", stream.SslProtocol.ToString(),
                radius11 ? "RADIUS/1.1" : "RadSec");
            lock (_lock)
            {
                _open.Add(connection);
            }

            try
            {
                if (_clients.Generation != generation)
                {
                    // A reload ran during the handshake and may not have seen this connection: review it here.
                    Review(connection);
                }

                string reason = await connection.RunAsync(_stopping.Token, WhenDrainedAsync).ConfigureAwait(false);
                RadSecLog.Closed(_logger, id, remoteText, reason);
            }
            finally
            {
                lock (_lock)
                {
                    _open.Remove(connection);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            // The peer went away while closing: nothing left to tell it.
        }
        catch (Exception ex)
        {
            // A bug must end this connection only, never the accept loop or the process.
            RadSecLog.ConnectionFailed(_logger, ex, remoteText);
        }
        finally
        {
            client.Close();
        }
    }

    /// <summary>The TLS handshake and ALPN decision: true = RADIUS/1.1, false = historic RadSec, null = closed.</summary>
    private async Task<bool?> HandshakeAsync(SslStream stream, RadSecTls tls, RadSecClient client, string remote)
    {
        string? rejected = null;
        SslServerAuthenticationOptions options = tls.ServerOptions(client, (reason, subject) =>
        {
            rejected = reason;
            RadSecLog.CertificateRejected(_logger, remote, client.Name, reason, subject);
        });
        using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token))
        {
            deadline.CancelAfter(tls.Options.HandshakeTimeout);
            try
            {
                await stream.AuthenticateAsServerAsync(options, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException or System.ComponentModel.Win32Exception)
            {
                _metrics.Refused.WithLabels(rejected is null ? "handshake" : "certificate").Inc();
                if (rejected is null)
                {
                    RadSecLog.HandshakeFailed(_logger, remote, client.Name, ex is OperationCanceledException ? "timed out" : ex.Message);
                }

                return null;
            }
        }

        bool radius11 = stream.NegotiatedApplicationProtocol == RadSecTls.Radius11;
        if (tls.Options.Radius11 == Radius11Mode.Require && !radius11)
        {
            // RFC 9765 §3.3: a client that did not offer radius/1.1; say why inside the tunnel, then close.
            _metrics.Refused.WithLabels("alpn").Inc();
            RadSecLog.HandshakeFailed(_logger, remote, client.Name, "radius_v1_1 = require, but the client did not offer ALPN \"radius/1.1\"");
            await WriteQuietlyAsync(stream, ProtocolError.UnsupportedExtension).ConfigureAwait(false);
            return null;
        }

        if (radius11 && stream.SslProtocol != SslProtocols.Tls13)
        {
            // RFC 9765 §3.4: RADIUS/1.1 only over TLS 1.3.
            _metrics.Refused.WithLabels("alpn").Inc();
            RadSecLog.HandshakeFailed(_logger, remote, client.Name, $"RADIUS/1.1 negotiated over {stream.SslProtocol}; it needs TLS 1.3");
            return null;
        }

        return radius11;
    }

    private static async Task WriteQuietlyAsync(SslStream stream, ReadOnlyMemory<byte> data)
    {
        try
        {
            await stream.WriteAsync(data).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
        }
    }

    /// <summary>
    /// The first step of a SIGHUP reload: the new file's certificate material, read again (null when the new file has no
    /// listen_tls section: RadSec keeps running as it is until a restart). Throws <see cref="ConfigurationException"/>
    /// naming the file when one cannot be loaded, which rejects the whole reload.
    /// </summary>
    public RadSecTls? Prepare(ProxyOptions next) => next.ListenTls is { } options ? RadSecTls.Load(options) : null;

    /// <summary>
    /// A SIGHUP reload that passed validation (<paramref name="tls"/> from <see cref="RadSecTls.Load"/>): new handshakes
    /// use the new material and clients; each open connection is reviewed against the new client list.
    /// <paramref name="retireDeadline"/> bounds how long a retired connection waits for its requests' answers.
    /// </summary>
    public void Apply(RadSecTls tls, IReadOnlyList<ClientOptions> clients, TimeSpan retireDeadline)
    {
        _retireDeadline = retireDeadline;
        _clients.Replace(clients, tls.Options.MaxConnectionsPerClient);
        _tls = tls;
        RadSecLog.TlsReloaded(_logger, tls.Leaf.Subject, tls.Leaf.Thumbprint, tls.Leaf.NotAfter.ToUniversalTime().ToString("u", System.Globalization.CultureInfo.InvariantCulture),
            tls.Options.CaFilePath);
        RadSecConnection[] open;
        lock (_lock)
        {
            open = [.. _open];
        }

        foreach (RadSecConnection connection in open)
        {
            Review(connection);
        }
    }

    /// <summary>
    /// Whether the current client list would still accept this connection: the same client entry for its address, and
    /// its certificate carrying that entry's certificate_subject. The CA check is not repeated (RFC 6614 §2.3 checks
    /// happen at the handshake; established connections keep going, docs/radsec.md "Reload").
    /// </summary>
    private void Review(RadSecConnection connection)
    {
        RadSecClient? now = _clients.Find(connection.RemoteAddress);
        string? reason = null;
        if (!_clients.Clients.Contains(connection.Owner))
        {
            reason = $"client {connection.Owner.Name} was removed";
        }
        else if (now is null)
        {
            reason = $"client {connection.Owner.Name} no longer covers its address";
        }
        else if (!ReferenceEquals(now, connection.Owner))
        {
            reason = $"its address now belongs to client {now.Name}, not {connection.Owner.Name}";
        }
        else if (now.Subject is { } subject && !CertificateSubject.Matches(connection.PeerSubject, subject))
        {
            reason = $"client {now.Name} now requires certificate_subject \"{subject}\"";
        }

        if (reason is not null)
        {
            RadSecLog.Retiring(_logger, connection.Id, connection.Remote.ToString(), connection.Owner.Name, reason);
            connection.Retire("retired by a reload: " + reason, _retireDeadline);
        }
    }

    private Task WhenDrainedAsync() =>
        _pipeline.Pending.WhenDrained().WaitAsync(_drainDeadline).ContinueWith(static _ => { }, TaskScheduler.Default);

    private void Refuse(Socket socket, string remote, string metric, string reason)
    {
        _metrics.Refused.WithLabels(metric).Inc();
        RadSecLog.Refused(_logger, remote, reason);
        socket.Dispose();
    }

    /// <summary>TCP keepalive finds half-open connections whose peer vanished without a FIN (RFC 6613 §2.6.7).</summary>
    private static void ConfigureSocket(Socket socket)
    {
        socket.NoDelay = true;
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, 60);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
        socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 3);
    }

    private void DisposeListeners()
    {
        foreach (Socket listener in _listeners)
        {
            listener.Dispose();
        }
    }

    public void Dispose()
    {
        DisposeListeners();
        _tls.Dispose();
        _stopping.Dispose();
    }
}
