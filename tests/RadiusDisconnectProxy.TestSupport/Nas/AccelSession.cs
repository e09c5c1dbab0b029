namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>One PPPoE session of the accel-ppp stand-in (what <c>accel-cmd show sessions</c> lists).</summary>
/// <param name="SessionId">accel-ppp's <c>sid</c>, sent as Acct-Session-Id.</param>
/// <param name="UserName">The PPP user name.</param>
/// <param name="IfName">The ppp interface (NAS-Port-Id).</param>
/// <param name="Unit">The unit index (NAS-Port).</param>
/// <param name="Address">The peer's IPv4 address (Framed-IP-Address).</param>
/// <param name="CallingStationId">The client MAC as accel-ppp reports it (Calling-Station-Id).</param>
public sealed record AccelSession(string SessionId, string UserName, string IfName, int Unit, string Address, string CallingStationId);
