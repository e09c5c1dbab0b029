using System.Net;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Dictionary;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Cli;

/// <summary>What check-config prints: a readable summary of the validated configuration, never a secret.</summary>
internal static class ConfigSummary
{
    public static void Write(ProxyOptions options, RadiusDictionary dictionary, NasTypes types, TextWriter output)
    {
        TextWriter w = output;
        w.WriteLine($"configuration OK: {options.ConfigPath}");
        w.WriteLine($"listen: {string.Join(", ", options.Listen.Addresses.Select(a => Endpoint(a, options.Listen.Port)))}");
        if (options.ListenTls is { } tls)
        {
            w.WriteLine($"listen_tls: {string.Join(", ", tls.Addresses.Select(a => Endpoint(a, tls.Port)))}  radius_v1_1={tls.Radius11.ToString().ToLowerInvariant()}  ca_file={tls.CaFilePath}");
        }
        w.WriteLine($"dictionary: {DictionaryLoader.DirectoryFor(options)}{(options.DictionaryDirectory is null ? " (shipped)" : "")}: " +
            $"{dictionary.AttributeCount} attributes, {dictionary.VendorCount} vendors");
        w.WriteLine($"clients: {options.Clients.Count}");
        foreach (ClientOptions client in options.Clients)
        {
            w.WriteLine($"  {client.Name}: {string.Join(", ", client.Networks)}{(client.Proto == ClientProto.Tls ? "  proto=tls" : "")}  require_message_authenticator={client.Security.RequireMessageAuthenticator.ToString().ToLowerInvariant()}  ({client.Source})");
        }

        w.WriteLine($"nases: {options.Nases.Count}");
        foreach (NasTarget nas in options.Nases)
        {
            string match = string.Join(", ", new[] { nas.NasIdentifier is null ? null : $"nasidentifier={nas.NasIdentifier}" }
                .Concat(nas.Addresses.Select(a => $"ipaddr={a}")).OfType<string>());
            w.WriteLine($"  {nas.Name}: {nas.Type}  {match}  → {types.Of(nas).Describe(nas.Settings)}  ({nas.Source})");
        }

        w.WriteLine($"mqtt: {Mqtt(options.Mqtt)}");
        w.WriteLine($"radiusdesk: {(options.RadiusDesk is { } db ? $"on (verify={db.Verify.ToString().ToLowerInvariant()}, record_actions={(db.RecordActions ? "yes" : "no")})" : "off")}");
        w.WriteLine($"metrics: {options.MetricsListen?.ToString() ?? "off"}");
        w.WriteLine($"audit: {(options.AuditEnabled ? "on" : "off")}");
    }

    private static string Mqtt(MqttOptions mqtt) => mqtt.Mode switch
    {
        MqttMode.Off => "off",
        MqttMode.Embedded => $"embedded broker on {Endpoint(IPAddress.Parse(mqtt.Server), mqtt.Port)}",
        _ => $"external broker {mqtt.Server}:{mqtt.Port}{(mqtt.Tls ? " (TLS)" : "")}",
    };

    private static string Endpoint(IPAddress address, int port) =>
        address.Equals(IPAddress.IPv6Any) ? $"*:{port}" : new IPEndPoint(address, port).ToString();
}
