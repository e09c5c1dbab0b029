using RadiusDisconnectProxy.Routing;
using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Audit;

/// <summary>What happened to one answered request. Carries identifiers only, never a secret.</summary>
internal sealed record AuditEvent(
    DateTimeOffset Time,
    string Client,
    IPEndPoint ClientEndPoint,
    RadiusCode Code,
    byte Identifier,
    SessionKeys? Keys,
    string? Nas,
    bool IsAck,
    ErrorCause? ErrorCause,
    TimeSpan Latency,
    string? Detail);
