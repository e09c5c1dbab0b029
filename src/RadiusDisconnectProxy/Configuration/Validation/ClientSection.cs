using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>client NAME { ipaddr = address or CIDR (repeatable)  secret = …  [any security key] }</c>; a RadSec client has
/// <c>proto = tls</c>, no secret of its own (RFC 6614 §2.3 fixes it to "radsec") and optionally <c>certificate_subject</c>.
/// </summary>
internal static class ClientSection
{
    /// <summary>RFC 6614 §2.3: the shared secret of RADIUS/TLS.</summary>
    public const string RadSecSecret = "radsec";

    public static ClientOptions Read(SectionReader section, string name, SecurityOptions global, bool duplicateWindowExplicit, ICollection<string> warnings)
    {
        section.UnknownKeyHint = "a client takes ipaddr, secret, proto, certificate_subject and the keys of 'security'";
        ClientProto proto = section.Choice("proto", ClientProto.Udp, ("udp", ClientProto.Udp), ("tls", ClientProto.Tls));
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

        string? subject = section.String("certificate_subject");
        if (subject is not null && proto != ClientProto.Tls)
        {
            throw section.Error("certificate_subject", "'certificate_subject' applies to RadSec clients only (proto = tls)");
        }

        if (subject is not null && !CertificateSubject.TryNormalize(subject, out subject))
        {
            throw section.Error("certificate_subject", "'certificate_subject' must be a distinguished name such as \"CN=fr1\" or \"CN=fr1, O=Example\"");
        }

        // Never echo the secret: only say that it is missing or wrong.
        string secret;
        if (proto == ClientProto.Tls)
        {
            secret = section.String("secret") ?? RadSecSecret;
            if (secret != RadSecSecret)
            {
                throw section.Error("secret", "a RadSec client (proto = tls) uses the fixed secret \"radsec\" (RFC 6614 §2.3): leave 'secret' out");
            }
        }
        else
        {
            secret = section.String("secret") is { Length: > 0 } s
                ? s
                : throw section.BlockError($"{section.DisplayName} needs a non-empty 'secret'");
        }

        return new ClientOptions
        {
            Name = name,
            Networks = networks,
            Secret = secret,
            Proto = proto,
            CertificateSubject = subject,
            Security = SecuritySection.Read(section, global, duplicateWindowExplicit, warnings),
            Source = section.Describe(),
        };
    }
}
