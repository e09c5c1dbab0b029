using RadiusDisconnectProxy.Radius.Attributes;
using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Mqtt;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.Coova;

/// <summary>
/// <c>type = CoovaMeshdesk</c>: MESHdesk (<c>nasidentifier = mcp_&lt;exit&gt;</c> with <c>node ID { mac  mesh_id }</c>
/// blocks, every gateway node) or APdesk (<c>nasidentifier = ap_&lt;id&gt;_cp_&lt;exit&gt;</c> with the AP's <c>mac</c>).
/// </summary>
internal sealed partial class CoovaNasType : NasType
{
    public const string TypeName = "CoovaMeshdesk";

    public override string Name => TypeName;

    public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

    public override IReadOnlyCollection<string> ConfigKeys { get; } = ["node", "mac"];

    private static readonly HashSet<string> s_nodeKeys = new(StringComparer.OrdinalIgnoreCase) { "mac", "mesh_id" };

    public override NasSettings ReadSettings(NasSection nas)
    {
        CoovaNasSettings settings = Read(nas);
        return nas.Mqtt.Mode == MqttMode.Off
            ? throw nas.Reader.BlockError($"{nas.Describe()} is reached over MQTT, but there is no mqtt section (or mode = off)")
            : settings;
    }

    private static CoovaNasSettings Read(NasSection nas)
    {
        SectionReader section = nas.Reader;
        if (nas.NasIdentifier is not { } nasIdentifier)
        {
            throw section.BlockError($"{nas.Describe()} needs 'nasidentifier' (mcp_<exit> or ap_<id>_cp_<exit>)");
        }

        if (MeshPattern().IsMatch(nasIdentifier))
        {
            return ReadMesh(section);
        }

        Match ap = ApPattern().Match(nasIdentifier);
        if (!ap.Success)
        {
            throw section.Error("nasidentifier", $"a {TypeName} nasidentifier must be mcp_<exit> (MESHdesk) or ap_<id>_cp_<exit> (APdesk), not '{nasIdentifier}'");
        }

        if (section.Has("node"))
        {
            throw section.Error("node", "'node' blocks belong to a MESHdesk nas (nasidentifier mcp_<exit>); an APdesk nas takes 'mac'");
        }

        if (!long.TryParse(ap.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out long apId) || apId <= 0)
        {
            throw section.Error("nasidentifier", $"the AP id in '{nasIdentifier}' is out of range");
        }

        return new CoovaNasSettings { AccessPoint = new AccessPoint(apId, ReadMac(section, "the AP's MAC")) };
    }

    private static CoovaNasSettings ReadMesh(SectionReader section)
    {
        if (section.Has("mac"))
        {
            throw section.Error("mac", "'mac' belongs to an APdesk nas (ap_<id>_cp_<exit>); a MESHdesk nas takes node ID { mac = …  mesh_id = … } blocks");
        }

        IReadOnlyList<string> ids = section.Child("node", "node").KeyNames;
        if (ids.Count == 0)
        {
            throw section.Has("node")
                ? section.Error("node", "'node' must be a block: node ID { mac = …  mesh_id = … }")
                : section.BlockError($"{section.DisplayName} (MESHdesk) needs at least one gateway: node ID {{ mac = …  mesh_id = … }}");
        }

        var nodes = new List<MeshNode>(ids.Count);
        foreach (string id in ids)
        {
            SectionReader node = section.Child($"node:{id}", $"node {id} of {section.DisplayName}");
            if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long nodeId) || nodeId <= 0)
            {
                throw node.BlockError($"a node id is the MESHdesk nodes.id, a positive number, not '{id}'");
            }

            node.RejectUnknownKeys(s_nodeKeys);
            nodes.Add(new MeshNode(nodeId, ReadMac(node, "the node's MAC"), node.RequiredString("mesh_id")));
        }

        return new CoovaNasSettings { Nodes = nodes };
    }

    private static string ReadMac(SectionReader section, string what)
    {
        string text = section.String("mac") ?? throw section.BlockError($"{section.DisplayName} needs 'mac' ({what})");
        return MacAddress.TryParse(text, out MacAddress mac)
            ? mac.ToString()
            : throw section.Error("mac", $"'mac' must be a MAC address such as C4-4B-D1-00-97-49, not '{text}'");
    }

    /// <summary>
    /// MESHdesk (<c>mcp_&lt;exit&gt;</c>): every gateway node of the mesh behind that exit; APdesk
    /// (<c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c>): that AP (docs/radiusdesk.md).
    /// </summary>
    public override async ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken)
    {
        if (nasIdentifier.StartsWith("mcp_", StringComparison.Ordinal))
        {
            List<MeshNode> nodes = await CoovaDatabase.ReadMeshGatewaysAsync(connection, nasIdentifier, cancellationToken);
            return nodes.Count == 0
                ? DatabaseMapping.Unusable($"{row.Source}: no gateway node found through mesh_exit_captive_portals.radius_nasid")
                : DatabaseMapping.Of(new CoovaNasSettings { Nodes = nodes });
        }

        if (ParseApId(nasIdentifier) is { } apId)
        {
            AccessPoint? ap = await CoovaDatabase.ReadAccessPointAsync(connection, apId, cancellationToken);
            return ap is null
                ? DatabaseMapping.Unusable($"{row.Source}: no aps row with id {apId}")
                : DatabaseMapping.Of(new CoovaNasSettings { AccessPoint = ap });
        }

        return DatabaseMapping.Unusable($"{row.Source} is {TypeName} but '{nasIdentifier}' is neither mcp_<exit> nor ap_<id>_cp_<exit>");
    }

    /// <summary>The AP id in <c>ap_&lt;id&gt;_cp_&lt;exit&gt;</c> (docs/radiusdesk.md), or null.</summary>
    public static long? ParseApId(string nasIdentifier)
    {
        if (!nasIdentifier.StartsWith("ap_", StringComparison.Ordinal))
        {
            return null;
        }

        ReadOnlySpan<char> rest = nasIdentifier.AsSpan(3);
        int cp = rest.IndexOf("_cp_", StringComparison.Ordinal);
        ReadOnlySpan<char> id = cp >= 0 ? rest[..cp] : rest;
        return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out long apId) && apId > 0 ? apId : null;
    }

    /// <summary>A command waits for the node's reply up to the MQTT reply timeout.</summary>
    public override TimeSpan LongestDuration(NasSettings? settings, ProxyOptions options) => options.Mqtt.ReplyTimeout;

    public override string Describe(NasSettings settings) => settings switch
    {
        CoovaNasSettings { AccessPoint: { } ap } => $"MQTT AP {ap.ApId} ({ap.Mac})",
        CoovaNasSettings c => $"MQTT nodes {string.Join(", ", c.Nodes.Select(n => $"{n.NodeId} ({n.Mac})"))}",
        _ => settings.GetType().Name,
    };

    /// <summary>
    /// The driver, and a no-op <see cref="INodeActionRecorder"/> unless one is registered already (the RADIUSdesk
    /// database area replaces it with the recording one). The MQTT transport is shared and registered by the host.
    /// </summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.TryAddSingleton<INodeActionRecorder, NullNodeActionRecorder>();
        services.AddSingleton<INasDriver, CoovaMeshdeskDriver>();
    }

    [GeneratedRegex("^mcp_[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MeshPattern();

    [GeneratedRegex("^ap_([0-9]+)_cp_[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApPattern();
}
