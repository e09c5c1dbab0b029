using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Tests.Dictionary;

/// <summary>Loads every dictionary Debian's freeradius-common installs (the root file $INCLUDEs them all).</summary>
[Trait("Category", "RealService")]
public class FreeRadiusDictionaryTests
{
    private const string Directory = "/usr/share/freeradius";

    [Fact]
    public void Load_ReadsAllOfUsrShareFreeradius()
    {
        RadiusDictionary dictionary = RadiusDictionary.Load(Directory);
        Assert.True(dictionary.AttributeCount > 7000, $"only {dictionary.AttributeCount} attributes");
        Assert.True(dictionary.VendorCount > 150, $"only {dictionary.VendorCount} vendors");

        Assert.True(dictionary.TryGetVendorAttribute(14988, 8, out DictionaryAttribute rateLimit));
        Assert.Equal("Mikrotik-Rate-Limit", rateLimit.Name);
        Assert.True(dictionary.TryGetVendor(429, out DictionaryVendor usr));
        Assert.Equal((4, 0), (usr.TypeLength, usr.LengthLength));
        Assert.True(dictionary.TryGetVendor(4846, out DictionaryVendor lucent));
        Assert.Equal((2, 1), (lucent.TypeLength, lucent.LengthLength));
        Assert.True(dictionary.TryGetExtendedAttribute(241, 8, out DictionaryAttribute operatorNas));
        Assert.Equal("Operator-NAS-Identifier", operatorNas.Name);
        Assert.True(dictionary.TryGetAttribute("Error-Cause", out DictionaryAttribute errorCause));
        Assert.True(errorCause.TryGetValueName(503, out string name));
        Assert.Equal("Session-Context-Not-Found", name);
        Assert.True(dictionary.TryGetAttribute("Tunnel-Password", out DictionaryAttribute tunnelPassword));
        Assert.True(tunnelPassword.Flags.HasTag);
        Assert.Equal(2, tunnelPassword.Flags.Encrypt);
    }
}
