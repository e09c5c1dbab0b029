using System.Globalization;

namespace RadiusDisconnectProxy.Drivers.PrivatePsk;

/// <summary>
/// Where a private-PSK session lives, from the Operator-Name (RFC 5580 §4.1, attribute 126) hostapd reports for it
/// (docs/private-psk.md): <c>m_hosta_&lt;mesh&gt;_&lt;entry&gt;_&lt;radio&gt;_&lt;node&gt;</c> on a MESHdesk node,
/// <c>a_hosta_&lt;profile&gt;_&lt;entry&gt;_&lt;radio&gt;_&lt;ap&gt;</c> on an APdesk AP.
/// </summary>
/// <param name="OnMesh">True for a MESHdesk node, false for an APdesk AP.</param>
/// <param name="GroupId">The mesh id or the AP profile id.</param>
/// <param name="EntryId">The private-PSK entry, the second argument of <c>hostapd_disconnect.lua</c>.</param>
/// <param name="Radio">The radio the client is on.</param>
/// <param name="DeviceId">The node id (<c>nodes.id</c>) or AP id (<c>aps.id</c>): the last field.</param>
public sealed record OperatorNameTarget(bool OnMesh, long GroupId, long EntryId, long Radio, long DeviceId)
{
    public const string MeshPrefix = "m_hosta_";
    public const string ApPrefix = "a_hosta_";

    /// <summary>
    /// Parses the value; a leading RFC 5580 namespace octet ('0'–'4') before the prefix is skipped. Null when it is not
    /// a private-PSK Operator-Name.
    /// </summary>
    public static OperatorNameTarget? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        string text = value.Length > 1 && value[0] is >= '0' and <= '4' && value[1] is 'm' or 'a' ? value[1..] : value;
        bool mesh = text.StartsWith(MeshPrefix, StringComparison.Ordinal);
        if (!mesh && !text.StartsWith(ApPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        string[] fields = text[MeshPrefix.Length..].Split('_');
        if (fields.Length != 4)
        {
            return null;
        }

        var numbers = new long[4];
        for (int i = 0; i < 4; i++)
        {
            if (!long.TryParse(fields[i], NumberStyles.None, CultureInfo.InvariantCulture, out numbers[i]))
            {
                return null;
            }
        }

        return numbers[3] > 0 ? new OperatorNameTarget(mesh, numbers[0], numbers[1], numbers[2], numbers[3]) : null;
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{(OnMesh ? MeshPrefix : ApPrefix)}{GroupId}_{EntryId}_{Radio}_{DeviceId}");
}
