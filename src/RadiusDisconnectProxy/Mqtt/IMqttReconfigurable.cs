using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>A transport that takes a changed <c>mqtt</c> section of its own mode without a restart (docs/operations.md, "Reload").</summary>
internal interface IMqttReconfigurable
{
    /// <summary>Returns at once; never throws. <paramref name="next"/> has the transport's mode.</summary>
    void Reconfigure(MqttOptions next);
}
