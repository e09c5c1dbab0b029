using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>nas NAME { type = …  nasidentifier = …  ipaddr = … (repeatable)  [keys of the type] }</c>. A NAS needs a type
/// and at least one of nasidentifier / ipaddr (it is matched on either).
/// </summary>
internal static class NasSection
{
    public const string Other = "other";
    public const string CoovaMeshdesk = "CoovaMeshdesk";
    public const string MikrotikApi = "Mikrotik-API";

    private static readonly string[] s_commonKeys = ["type", "nasidentifier", "ipaddr"];

    private static readonly Dictionary<string, HashSet<string>> s_keysByType = new(StringComparer.OrdinalIgnoreCase)
    {
        [Other] = Keys(ForwardingNasSection.Keys),
        [MikrotikApi] = Keys(MikrotikNasSection.Keys),
        [CoovaMeshdesk] = Keys(CoovaNasSection.Keys),
    };

    public static NasTarget Read(SectionReader section, string name)
    {
        string typeText = section.String("type") ?? throw section.BlockError(
            $"{section.DisplayName} needs 'type' ({Other}, {CoovaMeshdesk} or {MikrotikApi})");
        string type = s_keysByType.Keys.FirstOrDefault(t => string.Equals(t, typeText, StringComparison.OrdinalIgnoreCase))
            ?? throw section.Error("type", $"unknown nas type '{typeText}': expected {Other}, {CoovaMeshdesk} or {MikrotikApi}");

        section.RejectUnknownKeys(s_keysByType[type], key => $"unknown key '{key}' for a nas of type {type} ({section.DisplayName})");

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

        NasSettings settings = type switch
        {
            Other => ForwardingNasSection.Read(section, addresses),
            MikrotikApi => MikrotikNasSection.Read(section, addresses),
            _ => CoovaNasSection.Read(section, nasIdentifier),
        };

        return new NasTarget
        {
            Name = name,
            Type = type,
            NasIdentifier = nasIdentifier,
            Addresses = addresses,
            Settings = settings,
            Source = section.Describe(),
        };
    }

    private static HashSet<string> Keys(IEnumerable<string> typeKeys) =>
        new(s_commonKeys.Concat(typeKeys), StringComparer.OrdinalIgnoreCase);
}
