using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed partial class RouterOsSimulator
{
    private readonly ConcurrentQueue<RecordedRestRequest> _recordedRest = new();
    private RouterOsRestServer? _ownRest;
    private string? _expectedAuthorization;
    private int _restConnections;
    private int _restRequests;
    private int _restUnauthorized;

    /// <summary>The REST <c>www</c> (plain HTTP) port once served, else 0.</summary>
    public int RestHttpPort { get; private set; }

    /// <summary>The REST <c>www-ssl</c> (HTTPS) port once served, else 0.</summary>
    public int RestHttpsPort { get; private set; }

    /// <summary>The certificate the HTTPS port presents (self-signed, made at run time).</summary>
    public X509Certificate2? RestCertificate { get; private set; }

    /// <summary>TCP connections accepted on the REST ports (HTTP and HTTPS, before any TLS): each one a login to RouterOS.</summary>
    public int RestConnectionCount => Volatile.Read(ref _restConnections);

    /// <summary>HTTP requests that reached the router (a connection whose TLS handshake failed sends none).</summary>
    public int RestRequestCount => Volatile.Read(ref _restRequests);

    /// <summary>Requests answered 401 (missing or wrong credentials).</summary>
    public int RestUnauthorizedCount => Volatile.Read(ref _restUnauthorized);

    /// <summary>The latest REST requests (bounded like <see cref="RecordedCommands"/>).</summary>
    public IReadOnlyList<RecordedRestRequest> RecordedRestRequests => _recordedRest.ToArray();

    /// <summary>A DHCP lease (an Ethernet subscriber), bound and dynamic as the DHCP server makes it. Returns its id.</summary>
    public string AddDhcpLease(string macAddress, string address, string hostName = "client", string server = "dhcp1")
        => DhcpLeases.Add(new Dictionary<string, string>
        {
            ["address"] = address, ["mac-address"] = macAddress, ["client-id"] = "1:" + macAddress.ToLowerInvariant(),
            ["server"] = server, ["status"] = "bound", ["host-name"] = hostName, ["dynamic"] = "true", ["disabled"] = "false",
            ["active-address"] = address, ["active-mac-address"] = macAddress, ["expires-after"] = "9m58s",
        });

    /// <summary>Serves this router's REST API on its own HTTP and HTTPS ports, any free ones unless given (stopped with the router).</summary>
    public async Task StartRestAsync(X509Certificate2? certificate = null, int httpPort = 0, int httpsPort = 0)
    {
        if (_ownRest is not null)
        {
            throw new InvalidOperationException("REST is already served");
        }

        _ownRest = await RouterOsRestServer.StartAsync([this], certificate, httpPort, httpsPort);
    }

    /// <summary>Stops serving REST (as if <c>/ip/service disable www,www-ssl</c>, or the router went down): connects are refused.</summary>
    public async Task StopRestAsync()
    {
        RouterOsRestServer? server = _ownRest;
        _ownRest = null;
        if (server is not null)
        {
            await server.DisposeAsync();
        }
    }

    internal void AttachRest(int httpPort, int httpsPort, X509Certificate2 certificate)
    {
        RestHttpPort = httpPort;
        RestHttpsPort = httpsPort;
        RestCertificate = certificate;
    }

    /// <summary>Whether REST requests are recorded (<see cref="RouterOsSimulatorOptions.RecordedCommandLimit"/> &gt; 0).</summary>
    internal bool RecordsRest => Options.RecordedCommandLimit > 0;

    /// <summary>The <c>Authorization</c> header of the right credentials, compared first (any other form is decoded).</summary>
    internal string ExpectedAuthorization => _expectedAuthorization ??=
        "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Options.Username + ":" + Options.Password));

    internal void CountRestConnection() => Interlocked.Increment(ref _restConnections);

    internal void CountRestRequest() => Interlocked.Increment(ref _restRequests);

    internal void CountRestUnauthorized() => Interlocked.Increment(ref _restUnauthorized);

    internal void RecordRest(RecordedRestRequest request)
    {
        int limit = Options.RecordedCommandLimit;
        if (limit <= 0)
        {
            return;
        }

        _recordedRest.Enqueue(request);
        while (_recordedRest.Count > limit && _recordedRest.TryDequeue(out _))
        {
            // Oldest first, like a ring.
        }
    }
}
