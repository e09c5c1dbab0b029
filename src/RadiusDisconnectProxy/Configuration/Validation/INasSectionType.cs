using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// What the config reader needs from a NAS type: its name, the keys it adds to a <c>nas</c> block, and how to read
/// them. The types themselves live in <c>Drivers/</c> and are passed in, so this folder knows none of them.
/// </summary>
internal interface INasSectionType
{
    /// <summary>The value of <c>type =</c> (matched case-insensitively, stored as spelled here).</summary>
    string Name { get; }

    /// <summary>The keys this type accepts beyond <c>type</c>, <c>nasidentifier</c> and <c>ipaddr</c>.</summary>
    IReadOnlyCollection<string> ConfigKeys { get; }

    /// <summary>Validates the type's keys; throws a <see cref="ConfigurationException"/> naming file:line.</summary>
    NasSettings ReadSettings(NasSection section);
}

/// <summary>
/// A <c>nas NAME { … }</c> block being read: its reader, the common keys already checked, the MQTT setting, and whether
/// a <c>radiusdesk</c> section is configured (for types whose delivery is a database write).
/// </summary>
internal sealed record NasSection(SectionReader Reader, string Name, string TypeName, string? NasIdentifier,
    IReadOnlyList<System.Net.IPAddress> Addresses, MqttOptions Mqtt, bool HasDatabase = false)
{
    /// <summary>"nas hq (type X)": the prefix of a message about this block.</summary>
    public string Describe() => $"{Reader.DisplayName} (type {TypeName})";
}
