using System.Reflection;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Tests.Dictionary;

/// <summary>The project's own dictionaries/ (copied next to the test binaries) load and agree with the constants.</summary>
public class ShippedDictionaryTests
{
    internal static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "dictionaries");

    private static readonly Lazy<RadiusDictionary> s_shipped = new(() => RadiusDictionary.Load(Directory));

    internal static RadiusDictionary Shipped => s_shipped.Value;

    public static TheoryData<string, byte> Constants()
    {
        var data = new TheoryData<string, byte>();
        foreach (FieldInfo field in typeof(RadiusAttributeType).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            data.Add(field.Name, (byte)field.GetRawConstantValue()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Constants))]
    public void EveryConstant_NamesTheShippedAttribute(string constant, byte type)
    {
        Assert.True(Shipped.TryGetAttribute(type, out DictionaryAttribute attribute), $"{constant} = {type} is not in dictionaries/");
        string expected = constant switch
        {
            "Extended1" or "Extended2" or "Extended3" or "Extended4" => $"extendedattribute{constant[^1]}",
            "LongExtended1" => "extendedattribute5",
            "LongExtended2" => "extendedattribute6",
            _ => constant.ToLowerInvariant(),
        };
        Assert.Equal(expected, attribute.Name.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant());
    }

    [Fact]
    public void EveryShippedStandardAttribute_HasAConstant()
    {
        var constants = Constants().Select(row => (byte)row[1]).ToHashSet();
        var missing = Shipped.StandardAttributes.Keys.Where(type => !constants.Contains((byte)type)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void VendorConstants_MatchShippedVendors()
    {
        Assert.Equal("Mikrotik-Rate-Limit", Vendor(VendorIds.Mikrotik, MikrotikAttributeType.RateLimit));
        Assert.Equal("ChilliSpot-Bandwidth-Max-Up", Vendor(VendorIds.ChilliSpot, ChilliSpotAttributeType.BandwidthMaxUp));
        Assert.Equal("ChilliSpot-Bandwidth-Max-Down", Vendor(VendorIds.ChilliSpot, ChilliSpotAttributeType.BandwidthMaxDown));
        Assert.Equal("WISPr-Bandwidth-Max-Up", Vendor(VendorIds.Wispr, WisprAttributeType.BandwidthMaxUp));
        Assert.Equal("WISPr-Bandwidth-Max-Down", Vendor(VendorIds.Wispr, WisprAttributeType.BandwidthMaxDown));
        Assert.Equal("Mikrotik-Total-Limit", Vendor(VendorIds.Mikrotik, MikrotikAttributeType.TotalLimit));
    }

    [Fact]
    public void ErrorCauseValues_MatchTheEnum()
    {
        Assert.True(Shipped.TryGetAttribute(RadiusAttributeType.ErrorCause, out DictionaryAttribute errorCause));
        foreach (ErrorCause cause in Enum.GetValues<ErrorCause>())
        {
            Assert.True(errorCause.TryGetValueName((uint)cause, out _), $"no VALUE for Error-Cause {(uint)cause}");
        }
    }

    [Trait("Category", "RealService")] // reads FreeRADIUS's dictionaries from /usr/share/freeradius (freeradius-common)
    [Fact]
    public void ShippedNames_AgreeWithFreeRadius()
    {
        // Names are the interface operators type into radclient: they must match FreeRADIUS's.
        RadiusDictionary freeradius = RadiusDictionary.Load("/usr/share/freeradius");
        var differences = new List<string>();
        foreach (DictionaryAttribute attribute in Shipped.StandardAttributes.Values)
        {
            if (!freeradius.TryGetAttribute(attribute.Name, out DictionaryAttribute other)
                || other.Number != attribute.Number || other.Type != attribute.Type)
            {
                differences.Add(attribute.Name);
            }
        }

        Assert.Empty(differences);

        foreach (uint vendorId in Shipped.Vendors.Keys)
        {
            Assert.True(Shipped.TryGetVendor(vendorId, out DictionaryVendor vendor));
            foreach (DictionaryAttribute attribute in vendor.Attributes.Values)
            {
                // CoovaChilli's own list is longer than FreeRADIUS's; compare where both define the type.
                if (freeradius.TryGetVendorAttribute(vendorId, attribute.Number, out _))
                {
                    Assert.True(freeradius.TryGetAttribute(attribute.Name, out DictionaryAttribute other), attribute.Name);
                    Assert.Equal((attribute.Number, attribute.Type, vendorId), (other.Number, other.Type, other.Vendor!.Id));
                    Assert.Equal((attribute.Flags.Encrypt, attribute.Flags.HasTag), (other.Flags.Encrypt, other.Flags.HasTag));
                }
            }
        }
    }

    private static string Vendor(uint vendorId, byte type) =>
        Shipped.TryGetVendorAttribute(vendorId, type, out DictionaryAttribute attribute) ? attribute.Name : "(missing)";
}
