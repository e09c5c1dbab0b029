using System.Net;
using Microsoft.Extensions.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// Turns the layered configuration into a validated <see cref="ProxyOptions"/>. Every block is checked even after an
/// error, and all errors are thrown together (<see cref="ConfigurationException.Errors"/>), each with its file:line.
/// </summary>
internal static class ProxyOptionsValidator
{
    private static readonly HashSet<string> s_sections = new(StringComparer.OrdinalIgnoreCase)
    {
        "listen", "listen_tls", "dictionary", "security", "client", "metrics", "audit", "log", "mqtt", "radiusdesk", "nas", "admin",
    };

    /// <param name="configPath">Full path of the file; relative paths in it resolve against its directory.</param>
    public static ProxyOptions Validate(IConfigurationRoot configuration, string configPath, IReadOnlyList<INasSectionType> types)
    {
        var reader = new ConfigReader(configuration);
        try
        {
            ProxyOptions options = Validate(reader, configPath, types);
            reader.ThrowIfAny();
            return options;
        }
        catch (ConfigurationException e)
        {
            // A block read outside Read(…) stopped validation: report it with everything found before it.
            reader.Report(e);
            reader.ThrowIfAny();
            throw;
        }
    }

    private static ProxyOptions Validate(ConfigReader reader, string configPath, IReadOnlyList<INasSectionType> types)
    {
        foreach (string name in reader.ChildNames(null))
        {
            if (!s_sections.Contains(name))
            {
                reader.Report(reader.Error(name, $"unknown section '{name}'"));
            }
            else if (reader.IsScalar(name))
            {
                reader.Report(reader.Error(name, $"'{name}' is a section: {name} {{ … }}"));
            }
        }

        var warnings = new List<string>();
        var sections = new Dictionary<string, SectionReader>(StringComparer.OrdinalIgnoreCase);
        var incomplete = new HashSet<SectionReader>();
        SectionReader Section(string name) =>
            sections.TryGetValue(name, out SectionReader? section) ? section : sections[name] = new(reader, name, name);
        IReadOnlyList<string> present = reader.ChildNames(null);
        bool Present(string name) => present.Contains(name, StringComparer.OrdinalIgnoreCase);

        // One block: an error it throws is recorded and the fallback stands in; once read, its unread keys are unknown.
        T Read<T>(SectionReader section, Func<SectionReader, T> read, T fallback)
        {
            try
            {
                return read(section);
            }
            catch (ConfigurationException e)
            {
                reader.Report(e);
                incomplete.Add(section);
                return fallback;
            }
        }

        SecurityOptions security = Read(Section("security"),
            s => SecuritySection.Read(s, new SecurityOptions(), duplicateWindowExplicit: false, warnings), new SecurityOptions());
        bool duplicateWindowExplicit = Section("security").Has("duplicate_window");

        var clients = new List<ClientOptions>();
        foreach (string name in reader.ChildNames("client"))
        {
            var section = new SectionReader(reader, $"client:{name}", $"client {name}");
            ClientOptions? client = Read(section, s => ClientSection.Read(s, name, security, duplicateWindowExplicit, warnings), null);
            if (client is null)
            {
                continue;
            }

            section.RejectUnreadKeys();

            foreach (IPNetwork network in client.Networks)
            {
                // A DAC may reach the proxy over UDP and RadSec from the same address: two entries, one per proto.
                ClientOptions? other = clients.FirstOrDefault(c => c.Proto == client.Proto && c.Networks.Contains(network));
                if (other is not null)
                {
                    section.Report(section.Error("ipaddr", $"{network} is already the address of client {other.Name} ({other.Source})"));
                }
            }

            clients.Add(client);
        }

        if (clients.Count == 0)
        {
            warnings.Add($"{configPath}: no client is configured: every request will be dropped");
        }

        string baseDirectory = Path.GetDirectoryName(configPath) ?? ".";
        MqttOptions mqtt = Present("mqtt") ? Read(Section("mqtt"), s => MqttSection.Read(s, baseDirectory, warnings), new MqttOptions()) : new MqttOptions();
        IReadOnlyList<NasTarget> nases = ReadNases(reader, mqtt, types, Present("radiusdesk"));

        var options = new ProxyOptions
        {
            ConfigPath = configPath,
            Listen = Read(Section("listen"), ListenSection.Read, new ListenOptions()),
            ListenTls = reader.Guard(() => ReadListenTls(reader, Present("listen_tls"), clients, configPath), null),
            DictionaryDirectory = Present("dictionary")
                ? Read(Section("dictionary"), s => ServiceSections.ReadDictionaryDirectory(s, baseDirectory), null)
                : null,
            Security = security,
            Clients = clients,
            MetricsListen = Present("metrics") ? Read(Section("metrics"), ServiceSections.ReadMetricsListen, null) : null,
            AuditEnabled = !Present("audit") || Read(Section("audit"), ServiceSections.ReadAuditEnabled, true),
            Log = Present("log") ? Read(Section("log"), ServiceSections.ReadLog, new LogOptions()) : new LogOptions(),
            Mqtt = mqtt,
            RadiusDesk = Present("radiusdesk") ? Read(Section("radiusdesk"), RadiusDeskSection.Read, null) : null,
            Nases = nases,
            Admin = Present("admin") ? Read(Section("admin"), s => AdminSection.Read(s, baseDirectory), null) : null,
            Warnings = warnings,
        };

        // The keys each block's reader asked for are its keys: anything else in a fully read block is unknown.
        foreach (SectionReader section in sections.Values.Where(s => !incomplete.Contains(s) && Present(s.Path)))
        {
            section.RejectUnreadKeys();
        }

        return options;
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

    private static List<NasTarget> ReadNases(ConfigReader reader, MqttOptions mqtt, IReadOnlyList<INasSectionType> types, bool hasDatabase)
    {
        var nases = new List<NasTarget>();
        foreach (string name in reader.ChildNames("nas"))
        {
            var section = new SectionReader(reader, $"nas:{name}", $"nas {name}");
            NasTarget? nas = reader.Guard<NasTarget?>(() => NasSectionReader.Read(section, name, types, mqtt, hasDatabase), null);
            if (nas is null)
            {
                continue;
            }

            NasTarget? sameId = nases.FirstOrDefault(n => n.NasIdentifier is not null
                && string.Equals(n.NasIdentifier, nas.NasIdentifier, StringComparison.Ordinal));
            if (sameId is not null)
            {
                section.Report(section.Error("nasidentifier", $"nasidentifier '{nas.NasIdentifier}' is already used by nas {sameId.Name} ({sameId.Source})"));
            }

            foreach (IPAddress address in nas.Addresses)
            {
                NasTarget? sameAddress = nases.FirstOrDefault(n => n.Addresses.Contains(address));
                if (sameAddress is not null)
                {
                    section.Report(section.Error("ipaddr", $"ipaddr {address} is already used by nas {sameAddress.Name} ({sameAddress.Source})"));
                }
            }

            nases.Add(nas);
        }

        return nases;
    }
}
