namespace RadiusDisconnectProxy.Forwarder;

/// <summary>
/// Counters for one NAS DAS, named after the RFC 4672 DAC MIB objects (radiusDynAuthClient…), plus a few of our own
/// (unreachable, identifier waits and exhaustion, sockets). Updated with interlocked increments; read at any time.
/// </summary>
public sealed class ForwardingStatistics
{
    internal long _disconRequests;
    internal long _disconRetransmissions;
    internal long _disconAcks;
    internal long _disconNaks;
    internal long _disconTimeouts;
    internal long _coaRequests;
    internal long _coaRetransmissions;
    internal long _coaAcks;
    internal long _coaNaks;
    internal long _coaTimeouts;
    internal long _malformedResponses;
    internal long _badAuthenticators;
    internal long _unknownTypes;
    internal long _packetsDropped;
    internal long _unreachable;
    internal long _identifierWaits;
    internal long _identifierExhausted;
    internal int _sockets;

    public long DisconRequests => Volatile.Read(ref _disconRequests);
    public long DisconRetransmissions => Volatile.Read(ref _disconRetransmissions);
    public long DisconAcks => Volatile.Read(ref _disconAcks);
    public long DisconNaks => Volatile.Read(ref _disconNaks);
    public long DisconTimeouts => Volatile.Read(ref _disconTimeouts);
    public long CoARequests => Volatile.Read(ref _coaRequests);
    public long CoARetransmissions => Volatile.Read(ref _coaRetransmissions);
    public long CoAAcks => Volatile.Read(ref _coaAcks);
    public long CoANaks => Volatile.Read(ref _coaNaks);
    public long CoATimeouts => Volatile.Read(ref _coaTimeouts);

    /// <summary>Answers that did not parse (radiusDynAuthClientMalformed…Responses).</summary>
    public long MalformedResponses => Volatile.Read(ref _malformedResponses);

    /// <summary>Answers with a wrong Response Authenticator or Message-Authenticator (radiusDynAuthClientBadAuthenticators).</summary>
    public long BadAuthenticators => Volatile.Read(ref _badAuthenticators);

    /// <summary>Answers with a code that does not answer the request (radiusDynAuthClientUnknownTypes).</summary>
    public long UnknownTypes => Volatile.Read(ref _unknownTypes);

    /// <summary>Late, duplicate or unsolicited answers (radiusDynAuthClientPacketsDropped).</summary>
    public long PacketsDropped => Volatile.Read(ref _packetsDropped);

    /// <summary>Requests ended by a socket error or ICMP unreachable (NAK 506).</summary>
    public long Unreachable => Volatile.Read(ref _unreachable);

    /// <summary>Requests that had to wait for a free Identifier (every socket's 256 in use).</summary>
    public long IdentifierWaits => Volatile.Read(ref _identifierWaits);

    /// <summary>Requests that waited in vain for a free Identifier (NAK 506).</summary>
    public long IdentifierExhausted => Volatile.Read(ref _identifierExhausted);

    /// <summary>Upstream sockets (source ports) open toward this NAS.</summary>
    public int Sockets => Volatile.Read(ref _sockets);
}
