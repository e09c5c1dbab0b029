using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>
/// <c>type = private_psk</c> (docs/private-psk.md): MESHdesk (<c>nasidentifier = m_hosta_&lt;mesh&gt;_&lt;entry&gt;</c> with
/// <c>node ID { mac  mesh_id }</c> blocks) or APdesk (<c>a_hosta_&lt;profile&gt;_&lt;entry&gt;</c> with <c>ap ID { mac }</c>
/// blocks): every node or AP a session of that PSK entry may be on.
/// </summary>
internal sealed partial class PrivatePskNasType : NasType
{
    public const string TypeName = PrivatePskDriver.TypeName;

    private static readonly HashSet<string> s_nodeKeys = new(StringComparer.OrdinalIgnoreCase) { "mac", "mesh_id" };
    private static readonly HashSet<string> s_apKeys = new(StringComparer.OrdinalIgnoreCase) { "mac" };

    public override string Name => TypeName;

    /// <summary>
    /// Disconnect only; CoA is declared so that the driver itself answers it with NAK 401 ("nothing the type can apply",
    /// docs/contracts.md) rather than the executor's 406 for a request kind a type does not take.
    /// </summary>
    public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

    public override IReadOnlyCollection<string> ConfigKeys { get; } = ["node", "ap"];

    public override NasSettings ReadSettings(NasSection nas)
    {
        SectionReader section = nas.Reader;
        if (nas.Mqtt.Mode == MqttMode.Off)
        {
            throw section.BlockError($"{nas.Describe()} is reached over MQTT, but there is no mqtt section (or mode = off)");
        }

        string nasIdentifier = nas.NasIdentifier
            ?? throw section.BlockError($"{nas.Describe()} needs 'nasidentifier' (m_hosta_<mesh>_<entry> or a_hosta_<profile>_<entry>)");
        Match match = IdentifierPattern().Match(nasIdentifier);
        if (!match.Success)
        {
            throw section.Error("nasidentifier",
                $"a {TypeName} nasidentifier is m_hosta_<mesh>_<entry> (MESHdesk) or a_hosta_<profile>_<entry> (APdesk), not '{nasIdentifier}'");
        }

        bool mesh = match.Groups[1].Value == "m";
        string own = mesh ? "node" : "ap", other = mesh ? "ap" : "node";
        if (section.Has(other))
        {
            throw section.Error(other, $"'{other}' blocks belong to {(mesh ? "an APdesk (a_hosta_…)" : "a MESHdesk (m_hosta_…)")} nas; this one takes '{own}' blocks");
        }

        IReadOnlyList<string> ids = section.Child(own, own).KeyNames;
        if (ids.Count == 0)
        {
            throw section.BlockError(mesh
                ? $"{section.DisplayName} needs the nodes its sessions may be on: node ID {{ mac = …  mesh_id = … }}"
                : $"{section.DisplayName} needs the APs its sessions may be on: ap ID {{ mac = … }}");
        }

        var nodes = new List<MeshNode>();
        var aps = new List<AccessPoint>();
        foreach (string id in ids)
        {
            SectionReader block = section.Child($"{own}:{id}", $"{own} {id} of {section.DisplayName}");
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long deviceId) || deviceId <= 0)
            {
                throw block.BlockError($"a {own} id is RADIUSdesk's {(mesh ? "nodes.id" : "aps.id")}, a positive number, not '{id}'");
            }

            block.RejectUnknownKeys(mesh ? s_nodeKeys : s_apKeys);
            string mac = ReadMac(block);
            if (mesh)
            {
                nodes.Add(new MeshNode(deviceId, mac, block.RequiredString("mesh_id")));
            }
            else
            {
                aps.Add(new AccessPoint(deviceId, mac));
            }
        }

        return new PrivatePskNasSettings { Nodes = nodes, AccessPoints = aps };
    }

    /// <summary>
    /// <c>m_hosta_&lt;mesh&gt;…</c>: every node of that mesh (private PSK runs on every node's Wi-Fi, not only gateways), with
    /// the mesh id as MQTT knows it; <c>a_hosta_&lt;profile&gt;…</c>: every AP of that profile.
    /// </summary>
    public override async ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken)
    {
        Match match = IdentifierPattern().Match(nasIdentifier);
        if (!match.Success || !long.TryParse(match.Groups[2].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long group))
        {
            return DatabaseMapping.Unusable($"{row.Source} is {TypeName} but '{nasIdentifier}' is neither m_hosta_<mesh>_… nor a_hosta_<profile>_…");
        }

        if (match.Groups[1].Value == "m")
        {
            List<MeshNode> nodes = await PrivatePskDatabase.ReadMeshNodesAsync(connection, group, cancellationToken);
            return nodes.Count == 0
                ? DatabaseMapping.Unusable($"{row.Source}: mesh {group} has no nodes")
                : DatabaseMapping.Of(new PrivatePskNasSettings { Nodes = nodes });
        }

        List<AccessPoint> aps = await PrivatePskDatabase.ReadProfileApsAsync(connection, group, cancellationToken);
        return aps.Count == 0
            ? DatabaseMapping.Unusable($"{row.Source}: AP profile {group} has no APs")
            : DatabaseMapping.Of(new PrivatePskNasSettings { AccessPoints = aps });
    }

    /// <summary>A command waits for the node's reply up to the MQTT reply timeout.</summary>
    public override TimeSpan LongestDuration(NasSettings? settings, ProxyOptions options) => options.Mqtt.ReplyTimeout;

    public override string Describe(NasSettings settings) => settings is PrivatePskNasSettings { OnMesh: true } p
        ? $"MQTT hostapd private PSK, nodes {string.Join(", ", p.Nodes.Select(n => $"{n.NodeId} ({n.Mac})"))}"
        : $"MQTT hostapd private PSK, APs {string.Join(", ", ((PrivatePskNasSettings)settings).AccessPoints.Select(a => $"{a.ApId} ({a.Mac})"))}";

    /// <summary>The driver, and a no-op recorder unless the RADIUSdesk area registers the recording one.</summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.TryAddSingleton<INodeActionRecorder, NullNodeActionRecorder>();
        services.AddSingleton<INasDriver, PrivatePskDriver>();
    }

    private static string ReadMac(SectionReader section)
    {
        string text = section.String("mac") ?? throw section.BlockError($"{section.DisplayName} needs 'mac'");
        return MacAddress.TryParse(text, out MacAddress mac)
            ? mac.ToString()
            : throw section.Error("mac", $"'mac' must be a MAC address such as C4-4B-D1-00-97-49, not '{text}'");
    }

    /// <summary>m_hosta_&lt;mesh&gt;_&lt;entry&gt; or a_hosta_&lt;profile&gt;_&lt;entry&gt;, optionally with _&lt;radio&gt;_&lt;device&gt;.</summary>
    [GeneratedRegex("^([ma])_hosta_([0-9]+)_[0-9]+(_[0-9]+_[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();
}
