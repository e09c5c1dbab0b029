using System.Text;
using System.Text.Json;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Radius.Tests.Dictionary;
using RadiusDisconnectProxy.Radius.Text;

namespace RadiusDisconnectProxy.Radius.Tests.Text;

public class PacketJsonWriterTests
{
    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Write_ProducesTheDesignShape()
    {
        var options = new PacketDecodeOptions { Secret = new SharedSecret(Vectors.TestingSecret) };
        Assert.Equal(PacketParseError.None, PacketDecoder.TryDecode(Vectors.Bytes(Vectors.RadclientCoa), ShippedDictionaryTests.Shipped, options, out DecodedPacket? packet));
        string json = Json(writer => PacketJsonWriter.Write(writer, packet!));
        Assert.DoesNotContain('\n', json);
        Assert.StartsWith("""{"code":43,"code_name":"CoA-Request","identifier":122,"length":102,"authenticator":"63baf1bbf52cac48d9fcb1ee6b297340","attributes":[{"type":1,"name":"User-Name","value":"alice"},{"type":64,"name":"Tunnel-Type","tag":1,"value":"VLAN"},""", json, StringComparison.Ordinal);
        Assert.Contains("""{"type":26,"vendor_id":14988,"vendor_type":8,"name":"Mikrotik-Rate-Limit","value":"2M/4M"}""", json, StringComparison.Ordinal);
        Assert.EndsWith("""],"request_authenticator_valid":true}""", json, StringComparison.Ordinal);
        Assert.DoesNotContain("message_authenticator_valid", json, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteError_IsOneKey()
    {
        Assert.Equal("""{"error":"attribute runs past the end of the packet"}""",
            Json(writer => PacketJsonWriter.WriteError(writer, PacketJsonWriter.Describe(PacketParseError.AttributeOverrun))));
    }
}
