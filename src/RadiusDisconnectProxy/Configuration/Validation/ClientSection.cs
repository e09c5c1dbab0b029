using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary><c>client NAME { ipaddr = address or CIDR (repeatable)  secret = …  [any security key] }</c>.</summary>
internal static class ClientSection
{
    public static ClientOptions Read(SectionReader section, string name, SecurityOptions global, bool duplicateWindowExplicit, ICollection<string> warnings)
    {
        section.UnknownKeyHint = "a client takes ipaddr, secret and the keys of 'security'";
        IReadOnlyList<string> items = section.List("ipaddr");
        if (items.Count == 0)
        {
            throw section.BlockError($"{section.DisplayName} needs 'ipaddr' (an address or a CIDR prefix such as 10.0.0.0/8)");
        }

        var networks = new List<IPNetwork>(items.Count);
        for (int i = 0; i < items.Count; i++)
        {
            if (!ConfigValues.TryParseNetwork(items[i], out IPNetwork network))
            {
                throw section.Error(SectionReader.ItemKey("ipaddr", i, items.Count),
                    $"'ipaddr' must be an IP address or a CIDR prefix without host bits (10.0.0.0/8), not '{items[i]}'");
            }

            networks.Add(network);
        }

        // Never echo the secret: only say that it is missing.
        string secret = section.String("secret") is { Length: > 0 } s
            ? s
            : throw section.BlockError($"{section.DisplayName} needs a non-empty 'secret'");

        return new ClientOptions
        {
            Name = name,
            Networks = networks,
            Secret = secret,
            Security = SecuritySection.Read(section, global, duplicateWindowExplicit, warnings),
            Source = section.Describe(),
        };
    }
}
