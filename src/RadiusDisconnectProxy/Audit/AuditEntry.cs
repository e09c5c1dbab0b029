using System.Net;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// The fields of one audit event as a value, so the request path queues it without allocating (<see cref="AuditEvent"/> is
/// made from it only for the web console's feed, which keeps the events it shows). Identifiers only, never a secret.
/// </summary>
internal readonly record struct AuditEntry(
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
    string? Detail)
{
    public static AuditEntry From(AuditEvent e) =>
        new(e.Time, e.Client, e.ClientEndPoint, e.Code, e.Identifier, e.Keys, e.Nas, e.IsAck, e.ErrorCause, e.Latency, e.Detail);

    public AuditEvent ToEvent() => new(Time, Client, ClientEndPoint, Code, Identifier, Keys, Nas, IsAck, ErrorCause, Latency, Detail);
}
