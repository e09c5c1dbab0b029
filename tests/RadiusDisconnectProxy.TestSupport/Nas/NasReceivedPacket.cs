using System.Net;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>One authentic request the NAS simulator received (recorded before any drop or answer decision).</summary>
public sealed record NasReceivedPacket
{
    /// <summary>The datagram exactly as received.</summary>
    public required byte[] Bytes { get; init; }

    public required RadiusCode Code { get; init; }

    public required byte Identifier { get; init; }

    public required IPEndPoint Source { get; init; }

    /// <summary>Every attribute in wire order: type and value.</summary>
    public required IReadOnlyList<KeyValuePair<byte, byte[]>> Attributes { get; init; }

    public string? UserName { get; init; }

    public string? AcctSessionId { get; init; }

    public string? NasIdentifier { get; init; }

    /// <summary>Proxy-State values in order.</summary>
    public required IReadOnlyList<byte[]> ProxyStates { get; init; }

    /// <summary>Tunnel-Password decrypted with the simulator's secret (zero vector, RFC 2868 §3.5 / reference A.10); null if absent or undecryptable.</summary>
    public string? TunnelPassword { get; init; }

    /// <summary>True when a Tunnel-Password was present but did not decrypt with the simulator's secret.</summary>
    public bool TunnelPasswordUndecryptable { get; init; }

    /// <summary>A Message-Authenticator was present (and, since the packet was accepted, valid).</summary>
    public bool HasMessageAuthenticator { get; init; }

    /// <summary>The Message-Authenticator was the first attribute.</summary>
    public bool MessageAuthenticatorFirst { get; init; }

    /// <summary>Event-Timestamp value octets, if present.</summary>
    public byte[]? EventTimestamp { get; init; }
}
