namespace RadiusDisconnectProxy.Mqtt;

public enum NodeCommandStatus
{
    /// <summary>A target node reported <c>os_command</c>, <c>fetched</c> or <c>replied</c>.</summary>
    Acknowledged,

    /// <summary>No target acknowledged within the reply timeout.</summary>
    TimedOut,

    /// <summary>The broker is unreachable (not connected, publish refused, or the connection dropped while waiting).</summary>
    BrokerUnavailable,

    /// <summary>Too many commands in flight.</summary>
    Overloaded,
}
