using RadiusDisconnectProxy.Routing;
using System.Net;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// An authenticated Disconnect-Request or CoA-Request as the drivers see it: the identification keys, the
/// authorization changes a CoA may carry, and the original packet for drivers that forward it.
/// Built off the fast path only for requests that passed every check.
/// </summary>
public sealed record DynamicAuthorizationRequest
{
    public required RadiusCode Code { get; init; }

    public bool IsDisconnect => Code == RadiusCode.DisconnectRequest;

    public required SessionKeys Keys { get; init; }

    /// <summary>Service-Type (6): 17 = Authorize-Only (RFC 5176 §3.2).</summary>
    public uint? ServiceType { get; init; }

    /// <summary>Session-Timeout (27), seconds.</summary>
    public uint? SessionTimeout { get; init; }

    /// <summary>Mikrotik-Rate-Limit (14988/8), e.g. "2M/4M" (rx/tx from the router's view).</summary>
    public string? MikrotikRateLimit { get; init; }

    /// <summary>WISPr-Bandwidth-Max-Up/Down (14122/7, 14122/8), bit/s.</summary>
    public uint? WisprBandwidthMaxUp { get; init; }
    public uint? WisprBandwidthMaxDown { get; init; }

    /// <summary>ChilliSpot-Bandwidth-Max-Up/Down (14559/4, 14559/5), kbit/s.</summary>
    public uint? ChilliSpotBandwidthMaxUp { get; init; }
    public uint? ChilliSpotBandwidthMaxDown { get; init; }

    /// <summary>The original request exactly as received (already authenticated), for the forwarding driver.</summary>
    public required ReadOnlyMemory<byte> Packet { get; init; }

    /// <summary>The shared secret of the client that sent it (to decrypt encrypt=2 attributes before re-encrypting).</summary>
    public required ReadOnlyMemory<byte> ClientSecret { get; init; }

    /// <summary>The DAC's address, for logs and audit.</summary>
    public required IPEndPoint Client { get; init; }

    /// <summary>The configured name of the client entry that matched the source.</summary>
    public required string ClientName { get; init; }
}
