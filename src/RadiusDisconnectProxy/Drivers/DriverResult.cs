using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>The outcome of one driver call: ACK, or NAK with an Error-Cause (RFC 5176 §3.5).</summary>
public readonly record struct DriverResult
{
    public bool IsAck { get; init; }

    /// <summary>The Error-Cause to put into the answer (NAK: required unless <see cref="RelayedAttributes"/> carries one).</summary>
    public ErrorCause? ErrorCause { get; init; }

    /// <summary>
    /// For the <c>other</c> (RFC 5176 forwarding) driver: the attributes of the NAS's answer in wire form, in order, without
    /// Proxy-State and Message-Authenticator. The responder copies them verbatim and then appends the client's Proxy-States.
    /// </summary>
    public byte[]? RelayedAttributes { get; init; }

    /// <summary>Free text for the audit log (e.g. "removed 2 hotspot sessions", "node 146 os_command"). Never a secret.</summary>
    public string? Detail { get; init; }

    public static DriverResult Ack(string? detail = null) => new() { IsAck = true, Detail = detail };

    public static DriverResult Nak(ErrorCause cause, string? detail = null) => new() { IsAck = false, ErrorCause = cause, Detail = detail };
}
