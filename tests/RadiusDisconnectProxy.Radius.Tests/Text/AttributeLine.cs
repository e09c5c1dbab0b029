using System.Globalization;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

/// <summary>A decoded attribute as radclient prints it (<c>Tunnel-Type:1 = VLAN</c>, <c>User-Name = "bob"</c>), for assertions.</summary>
internal static class AttributeLine
{
    public static string Format(DecodedAttribute attribute)
    {
        string tag = attribute.Tag is int t ? ":" + t.ToString(CultureInfo.InvariantCulture) : "";
        string value = attribute.IsText ? $"\"{attribute.Value}\"" : attribute.Value;
        return $"{attribute.Name}{tag} = {value}";
    }
}
