using System.Buffers;
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
    private delegate T BodyReader<T>(ReadOnlySpan<byte> body);

    /// <summary>Larger answers are refused: a session lookup prints a handful of short rows.</summary>
    private const int MaxBody = 16 << 20;

    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly BodyReader<IReadOnlyList<Row>> s_rows = static body => RestJson.ParseRows(body);
    private static readonly BodyReader<RestRemoveResult> s_removed = static _ => RestRemoveResult.Removed;
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IReadOnlyList<string>, string> s_proplists = new();

    private readonly RouterOsRestOptions _options;
    private readonly HttpMessageInvoker _http;
    private readonly string _baseText;
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
            // No trace headers toward a router (and no per-request Activity work for them).
            ActivityHeadersPropagator = null,
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
        _http = new HttpMessageInvoker(handler, disposeHandler: true);
        _baseText = new UriBuilder(options.Scheme, options.Host, options.Port, "/rest/").Uri.AbsoluteUri;
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
    public Task<IReadOnlyList<Row>> GetAsync(string path, IReadOnlyList<KeyValuePair<string, string>>? filters,
        IReadOnlyList<string>? proplist, CancellationToken cancellationToken)
    {
        var uri = new StringBuilder(_baseText, _baseText.Length + 160).Append(Trim(path));
        char separator = '?';
        if (proplist is { Count: > 0 })
        {
            uri.Append("?.proplist=").Append(s_proplists.GetValue(proplist, static p => JoinProplist(p)));
            separator = '&';
        }

        foreach (KeyValuePair<string, string> filter in filters ?? [])
        {
            uri.Append(separator).Append(Uri.EscapeDataString(filter.Key)).Append('=').Append(Uri.EscapeDataString(filter.Value));
            separator = '&';
        }

        return SendAsync(HttpMethod.Get, uri.ToString(), null, s_rows, cancellationToken);
    }

    /// <summary>One item or a single-row menu such as <c>system/resource</c> (an object; an array gives its first row).</summary>
    public async Task<Row?> GetOneAsync(string path, CancellationToken cancellationToken)
    {
        IReadOnlyList<Row> rows = await SendAsync(HttpMethod.Get, _baseText + Trim(path), null, s_rows, cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>POST /rest/&lt;path&gt;/print</c> with a <c>.query</c> stack (API query words without the leading <c>?</c>).</summary>
    public Task<IReadOnlyList<Row>> PrintAsync(string path, IReadOnlyList<string> query, IReadOnlyList<string>? proplist,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        byte[] body = RestJson.WritePrint(query, proplist);
        return SendAsync(HttpMethod.Post, _baseText + Trim(path) + "/print", body, s_rows, cancellationToken);
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
            return await SendAsync(HttpMethod.Delete, _baseText + Trim(path) + "/" + id, null, s_removed, cancellationToken);
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
        IReadOnlyList<Row> rows = await SendAsync(HttpMethod.Patch, _baseText + Trim(path) + "/" + id, RestJson.WriteObject(values), s_rows,
            cancellationToken);
        return rows.Count > 0 ? rows[0] : null;
    }

    /// <summary><c>POST /rest/&lt;path&gt;/&lt;command&gt;</c> with JSON arguments, e.g. <c>remove {".id":"*5"}</c>.</summary>
    public Task<IReadOnlyList<Row>> PostAsync(string path, string command, IReadOnlyList<KeyValuePair<string, string>> arguments,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        return SendAsync(HttpMethod.Post, _baseText + Trim(path) + "/" + command, RestJson.WriteObject(arguments), s_rows, cancellationToken);
    }

    public void Dispose() => _http.Dispose();

    private static string Trim(string path) => path.Trim('/');

    private static string JoinProplist(IReadOnlyList<string> proplist)
    {
        var text = new StringBuilder();
        for (int i = 0; i < proplist.Count; i++)
        {
            text.Append(i == 0 ? "" : ",").Append(Uri.EscapeDataString(proplist[i]));
        }

        return text.ToString();
    }

    /// <summary>
    /// One request on a pooled keep-alive connection: the answer is read into a pooled buffer and parsed there (no
    /// per-request byte[]), through <see cref="HttpMessageInvoker"/> rather than <see cref="HttpClient"/> (no second
    /// cancellation source, no content buffering copy).
    /// </summary>
    private async Task<T> SendAsync<T>(HttpMethod method, string uri, byte[]? body, BodyReader<T> parse, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_options.RequestTimeout);
        using var request = new HttpRequestMessage(method, new Uri(uri, UriKind.Absolute));
        request.Headers.Authorization = _authorization;
        if (body is not null)
        {
            // Exactly "application/json": builds before 7.2rc5 answer 415 to anything else (a charset included).
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = s_json;
        }

        byte[]? buffer = null;
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, deadline.Token);
            long? declared = response.Content.Headers.ContentLength;
            buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= MaxBody ? (int)declared.Value : 4096);
            int length = 0;
            if (declared != 0)
            {
                Stream stream = await response.Content.ReadAsStreamAsync(deadline.Token);
                while (declared is not { } exact || length < exact)
                {
                    if (length == buffer.Length)
                    {
                        buffer = Grow(buffer);
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length), deadline.Token);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }

            int status = (int)response.StatusCode;
            if (status is >= 200 and < 300)
            {
                return parse(buffer.AsSpan(0, length));
            }

            (string? message, string? detail) = RestJson.ParseError(buffer.AsSpan(0, length));
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
        catch (IOException e)
        {
            throw Translate(new HttpRequestException(HttpRequestError.ResponseEnded, e.Message, e));
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    private static byte[] Grow(byte[] buffer)
    {
        if (buffer.Length >= MaxBody)
        {
            throw new RouterOsProtocolException($"a REST answer over {MaxBody} bytes");
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        buffer.CopyTo(larger, 0);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
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
