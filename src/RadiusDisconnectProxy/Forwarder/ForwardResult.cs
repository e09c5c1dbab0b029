using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>The NAS's answer to relay, or the NAK the proxy gives when there is none (RFC 5176 §3.5).</summary>
public readonly record struct ForwardResult
{
    public bool IsAck { get; init; }

    /// <summary>The proxy's own Error-Cause; null when the NAS answered (its Error-Cause is in <see cref="RelayedAttributes"/>).</summary>
    public ErrorCause? ErrorCause { get; init; }

    /// <summary>The attributes of the NAS's answer in wire form, in order, without Proxy-State and Message-Authenticator.</summary>
    public byte[]? RelayedAttributes { get; init; }

    /// <summary>Free text for the audit log. Never a secret.</summary>
    public string? Detail { get; init; }

    public static ForwardResult Nak(ErrorCause cause, string detail) => new() { IsAck = false, ErrorCause = cause, Detail = detail };
}
