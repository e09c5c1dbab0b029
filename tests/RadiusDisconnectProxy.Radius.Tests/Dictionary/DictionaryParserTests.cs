using RadiusDisconnectProxy.Radius.Dictionary;

namespace RadiusDisconnectProxy.Radius.Tests.Dictionary;

public class DictionaryParserTests
{
    [Fact]
    public void Parses_IncludesVendorsFormatsTlvsAndOids()
    {
        using var files = new TempDictionary(
            ("dictionary", "$INCLUDE sub/dictionary.base\n$INCLUDE- dictionary.absent\n"),
            ("sub", string.Empty));
        File.Delete(Path.Combine(files.Directory, "sub"));
        System.IO.Directory.CreateDirectory(Path.Combine(files.Directory, "sub"));
        File.WriteAllText(Path.Combine(files.Directory, "sub", "dictionary.base"), """
            # comment
            ATTRIBUTE	Test-Int	0x10	integer	# trailing comment
            attribute	Test-Tag	64	integer	has_tag
            ATTRIBUTE	Test-Fixed	70	octets[16]
            ATTRIBUTE	Ext-1	241	extended
            ATTRIBUTE	Ext-5	245	long-extended
            ATTRIBUTE	Evs-1	241.26	evs
            ATTRIBUTE	Ext-Child	241.8	octets
            VALUE	Test-Int	Later-Name	7
            VALUE	Test-Int	Alias	7
            VENDOR	Lucentish	4846	format=2,1
            VENDOR	Usrish	429	format=4,0
            VENDOR	Starentish	8164	format=2,2
            VENDOR	Wimaxish	24757	format=1,1,c
            VENDOR	Plain	9
            BEGIN-VENDOR	Lucentish
            ATTRIBUTE	Lucentish-Big	0x0700	string
            END-VENDOR	Lucentish
            BEGIN-VENDOR	Wimaxish
            ATTRIBUTE	Wimaxish-Cap	1	tlv
            BEGIN-TLV	Wimaxish-Cap
            ATTRIBUTE	Wimaxish-Release	1	string
            END-TLV	Wimaxish-Cap
            ATTRIBUTE	Wimaxish-Deep	1.2	byte
            END-VENDOR	Wimaxish
            BEGIN-VENDOR	Plain	format=Extended-Vendor-Specific-1
            ATTRIBUTE	Plain-Evs	4	string
            END-VENDOR	Plain
            ATTRIBUTE	Plain-Dotted	26.9.1	string
            ATTRIBUTE	Usrish-Old	0x9000	integer	Usrish
            """);

        RadiusDictionary dictionary = files.Load();
        Assert.True(dictionary.TryGetAttribute("test-int", out DictionaryAttribute testInt));
        Assert.Equal(16u, testInt.Number);
        Assert.True(testInt.TryGetValueName(7, out string valueName));
        Assert.Equal("Later-Name", valueName);
        Assert.True(testInt.TryGetValue("alias", out ulong alias));
        Assert.Equal(7ul, alias);
        Assert.True(dictionary.TryGetAttribute(64, out DictionaryAttribute tagged));
        Assert.True(tagged.Flags.HasTag);
        Assert.True(dictionary.TryGetAttribute("Test-Fixed", out DictionaryAttribute fixedLength));
        Assert.Equal(16, fixedLength.Flags.FixedLength);
        Assert.True(dictionary.TryGetExtendedAttribute(241, 8, out DictionaryAttribute child));
        Assert.Equal("Ext-Child", child.Name);
        Assert.True(dictionary.TryGetVendorAttribute(4846, 0x700, out DictionaryAttribute big));
        Assert.Equal("Lucentish-Big", big.Name);
        Assert.True(dictionary.TryGetVendor(4846, out DictionaryVendor lucent));
        Assert.Equal((2, 1, false), (lucent.TypeLength, lucent.LengthLength, lucent.Continuation));
        Assert.True(dictionary.TryGetVendor(24757, out DictionaryVendor wimax));
        Assert.True(wimax.Continuation);
        Assert.True(dictionary.TryGetVendorAttribute(24757, 1, out DictionaryAttribute capability));
        Assert.Equal("Wimaxish-Release", capability.Children![1].Name);
        Assert.Equal("Wimaxish-Deep", capability.Children[2].Name);
        Assert.Equal(capability, capability.Children[2].Parent);
        Assert.True(dictionary.TryGetEvsAttribute(241, 9, 4, out DictionaryAttribute evs));
        Assert.Equal("Plain-Evs", evs.Name);
        Assert.True(dictionary.TryGetVendorAttribute(9, 1, out DictionaryAttribute dotted));
        Assert.Equal("Plain-Dotted", dotted.Name);
        Assert.True(dictionary.TryGetVendorAttribute(429, 0x9000, out DictionaryAttribute old));
        Assert.Equal("Usrish-Old", old.Name);
    }

    [Theory]
    [InlineData("ATTRIBUTE\tX\t1\tnosuchtype\n", 1, "unknown data type")]
    [InlineData("\nATTRIBUTE\tAttr-5\t5\tstring\n", 2, "reserved")]
    [InlineData("ATTRIBUTE\tX\t1\tstring\tbogus\n", 1, "unknown attribute flag")]
    [InlineData("FROB\tX\n", 1, "unknown keyword")]
    [InlineData("ATTRIBUTE\tX\tone\tstring\n", 1, "invalid number")]
    [InlineData("ATTRIBUTE\tX\t26.77.1\tstring\n", 1, "unknown vendor 77")]
    [InlineData("ATTRIBUTE\tX\t5.1\tstring\n", 1, "not a defined tlv")]
    [InlineData("VENDOR\tV\t9\tformat=3,1\n", 1, "invalid vendor format")]
    [InlineData("BEGIN-VENDOR\tNope\n", 1, "unknown vendor")]
    [InlineData("VENDOR\tV\t9\nBEGIN-VENDOR\tV\nEND-VENDOR\tW\n", 3, "END-VENDOR")]
    [InlineData("ATTRIBUTE\tX\t1\tstring\n\n\nVALUE\tY\tZ\t1\n", 4, "VALUE for unknown attribute 'Y'")]
    [InlineData("$INCLUDE dictionary.missing\n", 1, "cannot read")]
    [InlineData("$INCLUDE dictionary\n", 1, "$INCLUDE loop")]
    public void Errors_NameFileAndLine(string text, int line, string message)
    {
        using var files = new TempDictionary(("dictionary", text));
        DictionaryParseException error = Assert.Throws<DictionaryParseException>(files.Load);
        Assert.Equal(line, error.Line);
        Assert.EndsWith("dictionary", error.File, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{error.File}:{line}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_InIncludedFileNameThatFile()
    {
        using var files = new TempDictionary(("dictionary", "$INCLUDE dictionary.inner\n"), ("dictionary.inner", "\n\nATTRIBUTE\tX\n"));
        DictionaryParseException error = Assert.Throws<DictionaryParseException>(files.Load);
        Assert.EndsWith("dictionary.inner", error.File, StringComparison.Ordinal);
        Assert.Equal(3, error.Line);
    }
}
