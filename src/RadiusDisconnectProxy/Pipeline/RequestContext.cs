using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// An accepted request on its way to an answer. Pooled (<see cref="RequestContextPool"/>): rented once per new authentic
/// request and returned when its answer has been sent, so neither it nor its copy of the source address is allocated
/// per request.
/// </summary>
internal sealed class RequestContext
{
    /// <summary>A private copy of the source address (the receive loop reuses its own); sized for IPv6.</summary>
    private readonly SocketAddress _source = new(AddressFamily.InterNetworkV6);
    private Action? _completed;
    private RequestPipeline? _pipeline;
    private ValueTask<ExecutionOutcome> _execution;

    public RadiusClient Client { get; private set; } = null!;

    public CodeMetrics Metrics { get; private set; } = null!;

    public SocketAddress Source => _source;

    public IAnswerTransport Transport { get; private set; } = null!;

    public DuplicateEntry Entry { get; private set; } = null!;

    public DynamicAuthorizationRequest Request { get; private set; } = null!;

    public long StartTimestamp { get; private set; }

    /// <summary>The request came over a RADIUS/1.1 connection: the answer carries its Token and no MD5 (RFC 9765 §4).</summary>
    public bool Radius11 { get; private set; }

    public void Set(RadiusClient client, CodeMetrics metrics, SocketAddress source, IAnswerTransport transport, DuplicateEntry entry,
        DynamicAuthorizationRequest request, long startTimestamp, bool radius11)
    {
        Client = client;
        Metrics = metrics;
        source.Buffer.Span[..source.Size].CopyTo(_source.Buffer.Span);
        _source.Size = source.Size;
        Transport = transport;
        Entry = entry;
        Request = request;
        StartTimestamp = startTimestamp;
        Radius11 = radius11;
    }

    /// <summary>
    /// Answers from <paramref name="execution"/>'s continuation once it completes. The callback is made once per context
    /// object, which is pooled, so waiting costs no allocation per request.
    /// </summary>
    public void Await(RequestPipeline pipeline, ValueTask<ExecutionOutcome> execution)
    {
        _pipeline = pipeline;
        _execution = execution;
        execution.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(_completed ??= OnCompleted);
    }

    private void OnCompleted()
    {
        RequestPipeline pipeline = _pipeline!;
        ValueTask<ExecutionOutcome> execution = _execution;
        _pipeline = null;
        _execution = default;
        pipeline.Complete(this, execution);
    }

    /// <summary>Lets go of the request's objects before the context waits in the pool.</summary>
    public void Clear()
    {
        Client = null!;
        Metrics = null!;
        Transport = null!;
        Entry = null!;
        Request = null!;
    }
}

/// <summary>
/// A bounded pool of <see cref="RequestContext"/>s: rented on a receive loop, returned on whichever thread answered
/// (a short lock; no allocation once warm). Beyond its size a returned context is left to the collector.
/// </summary>
internal sealed class RequestContextPool(int size)
{
    private readonly RequestContext[] _items = new RequestContext[size];
    private readonly Lock _lock = new();
    private int _count;

    public RequestContext Rent()
    {
        lock (_lock)
        {
            if (_count > 0)
            {
                RequestContext context = _items[--_count];
                _items[_count] = null!;
                return context;
            }
        }

        return new RequestContext();
    }

    public void Return(RequestContext context)
    {
        context.Clear();
        lock (_lock)
        {
            if (_count < _items.Length)
            {
                _items[_count++] = context;
            }
        }
    }
}
