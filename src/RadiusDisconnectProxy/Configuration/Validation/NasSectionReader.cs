using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>nas NAME { type = …  nasidentifier = …  ipaddr = … (repeatable)  [keys of the type] }</c>. A NAS needs a type
/// and at least one of nasidentifier / ipaddr (it is matched on either); the rest belongs to its type.
/// </summary>
internal static class NasSectionReader
{
    private static readonly string[] s_commonKeys = ["type", "nasidentifier", "ipaddr"];

    public static NasTarget Read(SectionReader section, string name, IReadOnlyList<INasSectionType> types, MqttOptions mqtt,
        bool hasDatabase = false)
    {
        string known = string.Join(", ", types.Select(t => t.Name));
        string typeText = section.String("type") ?? throw section.BlockError($"{section.DisplayName} needs 'type' (one of: {known})");
        INasSectionType type = types.FirstOrDefault(t => string.Equals(t.Name, typeText, StringComparison.OrdinalIgnoreCase))
            ?? throw section.Error("type", $"unknown nas type '{typeText}': known types are {known}");

        var allowed = new HashSet<string>(s_commonKeys.Concat(type.ConfigKeys), StringComparer.OrdinalIgnoreCase);
        section.RejectUnknownKeys(allowed, key => $"unknown key '{key}' for a nas of type {type.Name} ({section.DisplayName})");

        string? nasIdentifier = section.String("nasidentifier");
        if (nasIdentifier is { Length: 0 })
        {
            throw section.Error("nasidentifier", "'nasidentifier' must not be empty");
        }

        IReadOnlyList<IPAddress> addresses = section.Addresses("ipaddr");
        if (nasIdentifier is null && addresses.Count == 0)
        {
            throw section.BlockError($"{section.DisplayName} needs 'nasidentifier' or 'ipaddr' (it is matched on either)");
        }

        return new NasTarget
        {
            Name = name,
            Type = type.Name,
            NasIdentifier = nasIdentifier,
            Addresses = addresses,
            Settings = type.ReadSettings(new NasSection(section, name, type.Name, nasIdentifier, addresses, mqtt, hasDatabase)),
            Source = section.Describe(),
        };
    }
}
