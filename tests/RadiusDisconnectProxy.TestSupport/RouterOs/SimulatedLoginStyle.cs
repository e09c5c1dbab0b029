namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>Which login the simulated router speaks (routeros-coova.md §1.5).</summary>
public enum SimulatedLoginStyle
{
    /// <summary>6.45.1+: plain <c>/login =name= =password=</c>; a bare <c>/login</c> gets a challenge whose MD5 answer is refused.</summary>
    Modern,
    /// <summary>Before 6.43: every <c>/login</c> without <c>=response=</c> gets <c>!done =ret=challenge</c>.</summary>
    Legacy,
}
