using System.Globalization;
using System.Text.RegularExpressions;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>type = CoovaMeshdesk</c>: MESHdesk (<c>nasidentifier = mcp_&lt;exit&gt;</c> with <c>node ID { mac  mesh_id }</c>
/// blocks, every gateway node) or APdesk (<c>nasidentifier = ap_&lt;id&gt;_cp_&lt;exit&gt;</c> with the AP's <c>mac</c>).
/// </summary>
internal static partial class CoovaNasSection
{
    public static readonly string[] Keys = ["node", "mac"];

    private static readonly HashSet<string> s_nodeKeys = new(StringComparer.OrdinalIgnoreCase) { "mac", "mesh_id" };

    public static CoovaNasSettings Read(SectionReader section, string? nasIdentifier)
    {
        if (nasIdentifier is null)
        {
            throw section.BlockError($"{section.DisplayName} (type CoovaMeshdesk) needs 'nasidentifier' (mcp_<exit> or ap_<id>_cp_<exit>)");
        }

        if (MeshPattern().IsMatch(nasIdentifier))
        {
            return ReadMesh(section);
        }

        Match ap = ApPattern().Match(nasIdentifier);
        if (!ap.Success)
        {
            throw section.Error("nasidentifier", $"a CoovaMeshdesk nasidentifier must be mcp_<exit> (MESHdesk) or ap_<id>_cp_<exit> (APdesk), not '{nasIdentifier}'");
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

    [GeneratedRegex("^mcp_[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex MeshPattern();

    [GeneratedRegex("^ap_([0-9]+)_cp_[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex ApPattern();
}
