namespace RadiusDisconnectProxy.RouterOs.Rest;

/// <summary>What a REST remove achieved.</summary>
public enum RestRemoveResult
{
    /// <summary>The router answered 2xx (RouterOS documents an empty body; builds answer 204 or 200).</summary>
    Removed,

    /// <summary>404, or "no such item": the row was gone already (a race with the session ending), not a failure.</summary>
    AlreadyGone,
}
