namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>Every fuzz target, by name.</summary>
internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["packet", "dictionary", "conf", "routeros", "mqtt-reply"];

    public static IFuzzTarget Create(string name) => name switch
    {
        "packet" => new PacketTarget(),
        "dictionary" => new DictionaryTarget(),
        "conf" => new ConfTarget(),
        "routeros" => new RouterOsSentenceTarget(),
        "mqtt-reply" => new MqttReplyTarget(),
        _ => throw new ArgumentException($"unknown fuzz target '{name}'; one of: {string.Join(", ", Names)}", nameof(name)),
    };
}
