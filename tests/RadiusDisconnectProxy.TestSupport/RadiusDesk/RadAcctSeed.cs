namespace RadiusDisconnectProxy.TestSupport.RadiusDesk;

/// <summary>One radacct row to insert; defaults look like an open CoovaChilli session.</summary>
public sealed record RadAcctSeed
{
    public required string UserName { get; init; }
    public required string AcctSessionId { get; init; }
    public required string NasIdentifier { get; init; }
    public string NasIpAddress { get; init; } = "10.5.5.1";
    public string CallingStationId { get; init; } = "0C-C6-FD-7B-8B-AA";
    public string CalledStationId { get; init; } = "C4-4B-D1-00-97-49";
    public string FramedIpAddress { get; init; } = "10.1.0.2";
    public string? NasPortId { get; init; }
    public string NasPortType { get; init; } = "Wireless-802.11";
    public string? ServiceType { get; init; }
    public string? FramedProtocol { get; init; }
    public DateTime? StopTime { get; init; }

    /// <summary>Operator-Name as hostapd private PSK reports it (<c>m_hosta_…</c> / <c>a_hosta_…</c>); empty otherwise.</summary>
    public string OperatorName { get; init; } = "";
}
