namespace RadiusDisconnectProxy.TestSupport.Meshdesk;

/// <summary>How a simulated node reacts to its commands.</summary>
public enum NodeBehaviour
{
    /// <summary>Acknowledges at once, like MESHdesk mqtt.lua.</summary>
    Normal,

    /// <summary>Acknowledges after <see cref="SimulatedNode.SlowDelay"/>.</summary>
    Slow,

    /// <summary>Receives and records commands but never answers (a hung mqtt.lua).</summary>
    Silent,

    /// <summary>Not subscribed: the broker never delivers its commands (node powered off or without uplink).</summary>
    Offline,
}
