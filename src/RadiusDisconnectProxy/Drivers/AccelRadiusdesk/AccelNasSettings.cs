using System.Net;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>
/// <c>type = AccelRadiusdesk</c>: accel-ppp managed by RADIUSdesk. With <see cref="DaeEndpoint"/> (and <see cref="Secret"/>)
/// requests are forwarded to accel-ppp's RFC 5176 <c>dae-server</c>; without, the session is flagged in RADIUSdesk's
/// <c>accel_sessions</c> for the box's next report to pick up (docs/accel-ppp.md).
/// </summary>
public sealed record AccelNasSettings : NasSettings
{
    public IPEndPoint? DaeEndpoint { get; init; }
    public string? Secret { get; init; }

    /// <summary>RFC 5080 §2.2.1 retransmission timers toward the dae-server (<c>irt mrc mrt mrd</c>).</summary>
    public RetransmissionTimers Timers { get; init; } = RetransmissionTimers.Default;

    public bool Forwards => DaeEndpoint is not null && Secret is not null;

    // Records print every property; the secret must never reach a log line.
    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("DaeEndpoint = ").Append(DaeEndpoint).Append(", Secret = ").Append(Secret is null ? "" : "***").Append(", Timers = ").Append(Timers);
        return true;
    }
}
