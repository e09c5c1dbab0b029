using System.Net;
using Microsoft.Extensions.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>Turns the layered configuration into a validated <see cref="ProxyOptions"/>; the first error is thrown.</summary>
internal static class ProxyOptionsValidator
{
    private static readonly HashSet<string> s_sections = new(StringComparer.OrdinalIgnoreCase)
    {
        "listen", "listen_tls", "dictionary", "security", "client", "metrics", "audit", "log", "mqtt", "radiusdesk", "nas",
    };

    /// <param name="configPath">Full path of the file; relative paths in it resolve against its directory.</param>
    public static ProxyOptions Validate(IConfigurationRoot configuration, string configPath, IReadOnlyList<INasSectionType> types)
    {
        var reader = new ConfigReader(configuration);
        foreach (string name in reader.ChildNames(null))
        {
            if (!s_sections.Contains(name))
            {
                throw reader.Error(name, $"unknown section '{name}'");
            }

            if (reader.IsScalar(name))
            {
                throw reader.Error(name, $"'{name}' is a section: {name} {{ … }}");
            }
        }

        var warnings = new List<string>();
        SectionReader Section(string name) => new(reader, name, name);
        IReadOnlyList<string> sections = reader.ChildNames(null);
        bool Present(string name) => sections.Contains(name, StringComparer.OrdinalIgnoreCase);

        SecurityOptions security = SecuritySection.Read(Section("security"), new SecurityOptions(), duplicateWindowExplicit: false, warnings);
        Section("security").RejectUnknownKeys(SecuritySection.Keys);
        bool duplicateWindowExplicit = Section("security").Has("duplicate_window");

        var clients = new List<ClientOptions>();
        foreach (string name in reader.ChildNames("client"))
        {
            var section = new SectionReader(reader, $"client:{name}", $"client {name}");
            ClientOptions client = ClientSection.Read(section, name, security, duplicateWindowExplicit, warnings);
            foreach (IPNetwork network in client.Networks)
            {
                // A DAC may reach the proxy over UDP and RadSec from the same address: two entries, one per proto.
                ClientOptions? other = clients.FirstOrDefault(c => c.Proto == client.Proto && c.Networks.Contains(network));
                if (other is not null)
                {
                    throw section.Error("ipaddr", $"{network} is already the address of client {other.Name} ({other.Source})");
                }
            }

            clients.Add(client);
        }

        if (clients.Count == 0)
        {
            warnings.Add($"{configPath}: no client is configured: every request will be dropped");
        }

        MqttOptions mqtt = Present("mqtt") ? MqttSection.Read(Section("mqtt"), Path.GetDirectoryName(configPath) ?? ".", warnings) : new MqttOptions();
        IReadOnlyList<NasTarget> nases = ReadNases(reader, mqtt, types);

        return new ProxyOptions
        {
            ConfigPath = configPath,
            Listen = ListenSection.Read(Section("listen")),
            ListenTls = ReadListenTls(reader, Present("listen_tls"), clients, configPath),
            DictionaryDirectory = Present("dictionary")
                ? ServiceSections.ReadDictionaryDirectory(Section("dictionary"), Path.GetDirectoryName(configPath) ?? ".")
                : null,
            Security = security,
            Clients = clients,
            MetricsListen = Present("metrics") ? ServiceSections.ReadMetricsListen(Section("metrics")) : null,
            AuditEnabled = !Present("audit") || ServiceSections.ReadAuditEnabled(Section("audit")),
            Log = Present("log") ? ServiceSections.ReadLog(Section("log")) : new LogOptions(),
            Mqtt = mqtt,
            RadiusDesk = Present("radiusdesk") ? RadiusDeskSection.Read(Section("radiusdesk")) : null,
            Nases = nases,
            Warnings = warnings,
        };
    }

    private static ListenTlsOptions? ReadListenTls(ConfigReader reader, bool present, List<ClientOptions> clients, string configPath)
    {
        ClientOptions? tlsClient = clients.FirstOrDefault(c => c.Proto == ClientProto.Tls);
        if (!present)
        {
            return tlsClient is null
                ? null
                : throw new SectionReader(reader, $"client:{tlsClient.Name}", $"client {tlsClient.Name}")
                    .Error("proto", $"client {tlsClient.Name} has proto = tls, but there is no listen_tls section");
        }

        return ListenTlsSection.Read(new SectionReader(reader, "listen_tls", "listen_tls"), Path.GetDirectoryName(configPath) ?? ".");
    }

    private static List<NasTarget> ReadNases(ConfigReader reader, MqttOptions mqtt, IReadOnlyList<INasSectionType> types)
    {
        var nases = new List<NasTarget>();
        foreach (string name in reader.ChildNames("nas"))
        {
            var section = new SectionReader(reader, $"nas:{name}", $"nas {name}");
            NasTarget nas = NasSectionReader.Read(section, name, types, mqtt);
            NasTarget? sameId = nases.FirstOrDefault(n => n.NasIdentifier is not null
                && string.Equals(n.NasIdentifier, nas.NasIdentifier, StringComparison.Ordinal));
            if (sameId is not null)
            {
                throw section.Error("nasidentifier", $"nasidentifier '{nas.NasIdentifier}' is already used by nas {sameId.Name} ({sameId.Source})");
            }

            foreach (IPAddress address in nas.Addresses)
            {
                NasTarget? sameAddress = nases.FirstOrDefault(n => n.Addresses.Contains(address));
                if (sameAddress is not null)
                {
                    throw section.Error("ipaddr", $"ipaddr {address} is already used by nas {sameAddress.Name} ({sameAddress.Source})");
                }
            }

            nases.Add(nas);
        }

        return nases;
    }
}
