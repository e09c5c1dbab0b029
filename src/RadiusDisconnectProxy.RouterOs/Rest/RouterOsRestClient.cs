using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.RouterOs.Connections;
using RadiusDisconnectProxy.RouterOs.Errors;

namespace RadiusDisconnectProxy.RouterOs.Rest;

/// <summary>
/// The REST client for one router (RouterOS v7 <c>/rest</c>, REST API manual): HTTP Basic on every request over a few
/// keep-alive connections that are reused (every new connection is a new login the router records), JSON whose values
/// are all strings. The certificate is checked in the TLS handshake, before a byte of the request (and so the password)
/// is written. Failures are <see cref="RouterOsException"/>s with the same causes as the binary API client;
/// error answers are <see cref="RouterOsRestException"/>. Thread-safe.
/// </summary>
public sealed class RouterOsRestClient : IDisposable
{
    private static readonly MediaTypeHeaderValue s_json = new("application/json");

    private readonly RouterOsRestOptions _options;
    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly AuthenticationHeaderValue _authorization;
    private long _connections;
    private long _rejectedCertificates;

    public RouterOsRestClient(RouterOsRestOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxConnections, 1);
        _options = options;
        var pin = new CertificatePin(options.CertificateFingerprint);
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = options.MaxConnections,
            PooledConnectionIdleTimeout = options.IdleTimeout,
            ConnectTimeout = options.ConnectTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            AutomaticDecompression = System.Net.DecompressionMethods.None,
            ConnectCallback = ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Runs inside the handshake: a refused certificate ends the connection before the request is written.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                {
                    bool accepted = !options.VerifyCertificate || pin.Validate(certificate, errors);
                    if (!accepted)
                    {
                        Interlocked.Increment(ref _rejectedCertificates);
                    }

                    return accepted;
                },
            },
        };
        _http = new HttpClient(handler, disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
        _base = new UriBuilder(options.Scheme, options.Host, options.Port, "/rest/").Uri;
        _authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes(options.Username + ":" + options.Password)));
    }

    public RouterOsRestOptions Options => _options;

    /// <summary>TCP connections opened so far (each one a login on the router).</summary>
    public long ConnectionsOpened => Interlocked.Read(ref _connections);

    /// <summary>Certificates refused by the pin or the CA/name check.</summary>
    public long RejectedCertificates => Interlocked.Read(ref _rejectedCertificates);

    /// <summary>
    /// <c>GET /rest/&lt;path&gt;?name=value&amp;….proplist=…</c>: a print whose query-string keys are AND-ed equality filters.
    /// </summary>
    public async Task<IReadOnlyList<Row>> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>>? filters,
        IReadOnlyList<string>? proplist, CancellationToken cancellationToken)
    {
        var uri = new StringBuilder(Trim(path));
        char separator = '?';
        if (proplist is { Count: > 0 })
        {
            uri.Append("?.proplist=");
            for (int i = 0; i < proplist.Count; i++)
            {
                uri.Append(i == 0 ? "" : ",").Append(Uri.EscapeDataString(proplist[i]));
            }

            separator = '&';
        }

        foreach (KeyValuePair<string, string> filter in filters ?? [])
        {
            uri.Append(separator).Append(Uri.EscapeDataString(filter.Key)).Append('=').Append(Uri.EscapeDataString(filter.Value));
            separator = '&';
        }

        return RestJson.ParseRows(await SendAsync(HttpMethod.Get, uri.ToString(), null, cancellationToken));
    }

    /// <summary>One item or a single-row menu such as <c>system/resource</c> (an object; an array gives its first row).</summary>
    public async Task<Row?> GetOneAsync(string path, CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows = RestJson.ParseRows(await SendAsync(HttpMethod.Get, Trim(path), null, cancellationToken));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>POST /rest/&lt;path&gt;/print</c> with a <c>.query</c> stack (API query words without the leading <c>?</c>).</summary>
    public async Task<IReadOnlyList<Row>> PrintAsync(string path, IReadOnlyList<string> query, IReadOnlyList<string>? proplist,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        byte[] body = RestJson.WritePrint(query, proplist);
        return RestJson.ParseRows(await SendAsync(HttpMethod.Post, Trim(path) + "/print", body, cancellationToken));
    }

    /// <summary>
    /// <c>DELETE /rest/&lt;path&gt;/&lt;.id&gt;</c> (the id raw, <c>*1A</c>, as RouterOS prints it). Any 2xx is done; 404
    /// (or "no such item") means it was gone already.
    /// </summary>
    public async Task<RestRemoveResult> DeleteAsync(string path, string id, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        try
        {
            await SendAsync(HttpMethod.Delete, Trim(path) + "/" + id, null, cancellationToken);
            return RestRemoveResult.Removed;
        }
        catch (RouterOsRestException e) when (e.IsNoSuchItem)
        {
            return RestRemoveResult.AlreadyGone;
        }
    }

    /// <summary><c>PATCH /rest/&lt;path&gt;/&lt;.id&gt;</c> = set; returns the updated item.</summary>
    public async Task<Row?> PatchAsync(string path, string id, IReadOnlyList<KeyValuePair<string, string>> values,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(values);
        IReadOnlyList<Row> rows = RestJson.ParseRows(
            await SendAsync(HttpMethod.Patch, Trim(path) + "/" + id, RestJson.WriteObject(values), cancellationToken));
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>POST /rest/&lt;path&gt;/&lt;command&gt;</c> with JSON arguments, e.g. <c>remove {".id":"*5"}</c>.</summary>
    public async Task<IReadOnlyList<Row>> PostAsync(string path, string command, IReadOnlyList<KeyValuePair<string, string>> arguments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return RestJson.ParseRows(
            await SendAsync(HttpMethod.Post, Trim(path) + "/" + command, RestJson.WriteObject(arguments), cancellationToken));
    }

    public void Dispose() => _http.Dispose();

    private static string Trim(string path) => path.Trim('/');

    private async Task<byte[]> SendAsync(HttpMethod method, string relative, byte[]? body, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(_base, relative));
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            // Exactly "application/json": builds before 7.2rc5 answer 415 to anything else (a charset included).
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = s_json;
        }

        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
            byte[] content = await response.Content.ReadAsByteArrayAsync(deadline.Token);
            int status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return content;
            }

            (string? message, string? detail) = RestJson.ParseError(content);
            throw new RouterOsRestException(status, message ?? response.ReasonPhrase ?? "", detail);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new RouterOsException(RouterOsErrorCause.Timeout,
                $"RouterOS REST {_options.Host}:{_options.Port} did not answer within {_options.RequestTimeout.TotalSeconds:0.###} s", e);
        }
        catch (HttpRequestException e)
        {
            throw Translate(e);
        }
    }

    private RouterOsException Translate(HttpRequestException e)
    {
        string where = $"RouterOS REST {_options.Scheme}://{_options.Host}:{_options.Port}";
        return e.HttpRequestError switch
        {
            HttpRequestError.SecureConnectionError => new RouterOsException(RouterOsErrorCause.TlsFailed,
                where + ": TLS failed or the certificate was refused (no credentials were sent)", e),
            HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError => new RouterOsException(
                RouterOsErrorCause.ConnectFailed, where + ": cannot connect (" + (e.InnerException?.Message ?? e.Message) + ")", e),
            HttpRequestError.InvalidResponse or HttpRequestError.ResponseEnded => new RouterOsException(
                RouterOsErrorCause.ConnectionLost, where + ": the connection closed or broke mid-answer", e),
            _ => new RouterOsException(RouterOsErrorCause.ConnectionLost, where + ": " + e.Message, e),
        };
    }

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        Interlocked.Increment(ref _connections);
        return new NetworkStream(socket, ownsSocket: true);
    }
}
