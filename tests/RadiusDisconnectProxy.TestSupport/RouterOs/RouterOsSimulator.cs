using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>
/// An in-process RouterOS router speaking the real API wire protocol on 127.0.0.1 (port 0 = a free port): logins
/// (modern and legacy challenge), <c>/ip/hotspot/active</c>, <c>/ppp/active</c>, <c>/ip/hotspot/cookie</c>,
/// <c>/queue/simple</c>, <c>/ip/dhcp-server/lease</c> with print (queries, .proplist), remove and set,
/// <c>/system/resource/print</c>, tags, <c>/cancel</c>, <c>/quit</c>, plus fault switches. Cheap enough to run a hundred
/// in one process. The same router state also answers RouterOS v7 REST once <see cref="StartRestAsync"/> (or a shared
/// <see cref="Rest.RouterOsRestServer"/>) serves it.
/// </summary>
public sealed partial class RouterOsSimulator : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<int, SimulatedConnection> _connections = new();
    private readonly ConcurrentQueue<RecordedCommand> _recorded = new();
    private readonly Task _acceptLoop;
    private readonly SimulatedTable[] _tables;
    private int _nextConnectionId;
    private int _logins;
    private int _failedLogins;

    public RouterOsSimulator(RouterOsSimulatorOptions? options = null)
    {
        Options = options ?? new RouterOsSimulatorOptions();
        HotspotActive = new SimulatedTable("/ip/hotspot/active", 0x100);
        PppActive = new SimulatedTable("/ppp/active", 0x00800100);
        HotspotCookies = new SimulatedTable("/ip/hotspot/cookie", 0x200);
        SimpleQueues = new SimulatedTable("/queue/simple", 0x1000);
        DhcpLeases = new SimulatedTable("/ip/dhcp-server/lease", 0x1F);
        _tables = [HotspotActive, PppActive, HotspotCookies, SimpleQueues, DhcpLeases];
        if (!IPAddress.IsLoopback(Options.ListenEndPoint.Address))
        {
            throw new ArgumentException("the simulator listens on loopback addresses only", nameof(options));
        }

        // A fixed Port (a "rebooted" router coming back) wins over the end point's port.
        _listener = new TcpListener(Options.Port != 0
            ? new IPEndPoint(Options.ListenEndPoint.Address, Options.Port)
            : Options.ListenEndPoint);
        _listener.Start(512);
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    public RouterOsSimulatorOptions Options { get; }

    public string Host => Options.ListenEndPoint.Address.ToString();

    public int Port { get; }

    public SimulatedTable HotspotActive { get; }

    public SimulatedTable PppActive { get; }

    public SimulatedTable HotspotCookies { get; }

    public SimulatedTable SimpleQueues { get; }

    /// <summary><c>/ip/dhcp-server/lease</c>: how an Ethernet (IPoE) subscriber is seen on RouterOS.</summary>
    public SimulatedTable DhcpLeases { get; }

    /// <summary>Successful logins since start.</summary>
    public int LoginCount => Volatile.Read(ref _logins);

    public int FailedLoginCount => Volatile.Read(ref _failedLogins);

    /// <summary>Client connections currently open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>
    /// Every sentence received after login, in arrival order; only the latest
    /// <see cref="RouterOsSimulatorOptions.RecordedCommandLimit"/> are kept, so a long load run stays bounded.
    /// </summary>
    public IReadOnlyList<RecordedCommand> RecordedCommands => _recorded.ToArray();

    public SimulatorFaults Faults { get; } = new();

    internal SimulatedTable? FindTable(string path)
    {
        foreach (SimulatedTable table in _tables)
        {
            if (table.Path == path)
            {
                return table;
            }
        }

        return null;
    }

    /// <summary>Closes every client connection abruptly (like a router reboot), keeping the listener.</summary>
    public void DropAllConnections()
    {
        foreach (SimulatedConnection connection in _connections.Values)
        {
            connection.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopRestAsync();
        await _stopping.CancelAsync();
        _listener.Stop();
        DropAllConnections();
        try
        {
            await _acceptLoop.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            // The accept loop ends with the listener; never hang a test run on it.
        }

        _stopping.Dispose();
    }

    internal void Record(RecordedCommand command)
    {
        int limit = Options.RecordedCommandLimit;
        if (limit <= 0)
        {
            return;
        }

        _recorded.Enqueue(command);
        while (_recorded.Count > limit && _recorded.TryDequeue(out _))
        {
            // Oldest first, like a ring.
        }
    }

    internal void CountLogin(bool success)
    {
        if (success)
        {
            Interlocked.Increment(ref _logins);
        }
        else
        {
            Interlocked.Increment(ref _failedLogins);
        }
    }

    internal void Forget(int connectionId) => _connections.TryRemove(connectionId, out _);

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            if (Faults.MaxSessions is { } max && _connections.Count >= max)
            {
                // Over /ip/service max-sessions the router does not serve the client: the connection just closes.
                socket.Dispose();
                continue;
            }

            int id = Interlocked.Increment(ref _nextConnectionId);
            var connection = new SimulatedConnection(this, id, socket, _stopping.Token);
            _connections[id] = connection;
            _ = connection.RunAsync();
        }
    }
}
