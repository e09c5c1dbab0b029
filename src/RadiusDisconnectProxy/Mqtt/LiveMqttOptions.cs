using RadiusDisconnectProxy.Configuration;

namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The running <c>mqtt</c> section, replaced by a reload (docs/operations.md, "Reload"). A request reads
/// <see cref="Current"/> once when it starts (one volatile read, no lock), so <c>reply_timeout</c> applies to requests
/// accepted after the reload and one in flight keeps its own.
/// </summary>
public sealed class LiveMqttOptions(MqttOptions initial)
{
    private volatile MqttOptions _current = initial ?? throw new ArgumentNullException(nameof(initial));

    public MqttOptions Current => _current;

    internal void Set(MqttOptions next) => _current = next;
}
