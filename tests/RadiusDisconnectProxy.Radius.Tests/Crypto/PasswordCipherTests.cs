using System.Text;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Tests.Crypto;

public class PasswordCipherTests
{
    [Fact]
    public void UserPassword_DecryptsRadclientAccessRequest()
    {
        byte[] packet = Vectors.Bytes(Vectors.RadclientAccessRequest);
        ReadOnlySpan<byte> cipher = packet.AsSpan(20 + 5 + 2, 32);
        byte[] plain = new byte[32];
        Assert.True(UserPasswordCipher.TryDecrypt(cipher, packet.AsSpan(4, 16), new SharedSecret("s3cret"), plain, out int written));
        Assert.Equal("hello-world-1234567", Encoding.UTF8.GetString(plain, 0, written));

        byte[] again = new byte[32];
        Assert.Equal(32, UserPasswordCipher.Encrypt(plain.AsSpan(0, written), packet.AsSpan(4, 16), new SharedSecret("s3cret"), again));
        Assert.Equal(cipher.ToArray(), again);
    }

    [Fact]
    public void TunnelPassword_DecryptsRadclientCoaWithZeroVector()
    {
        byte[] packet = Vectors.Bytes(Vectors.RadclientCoa);
        // Tunnel-Password:1 at offset 44: type, length, tag, salt(2), cipher(16).
        ReadOnlySpan<byte> value = packet.AsSpan(44 + 3, 18);
        ReadOnlySpan<byte> vector = TunnelPasswordCipher.SelectVector(RadiusCode.CoaRequest, packet.AsSpan(4, 16));
        byte[] plain = new byte[16];
        Assert.True(TunnelPasswordCipher.TryDecrypt(value, vector, new SharedSecret(Vectors.TestingSecret), plain, out int written));
        Assert.Equal("s3cr3t-pw", Encoding.UTF8.GetString(plain, 0, written));
        Assert.False(TunnelPasswordCipher.TryDecrypt(value, vector, new SharedSecret("wrong-secret"), plain, out _));
    }

    [Theory]
    [InlineData("")]
    [InlineData("p")]
    [InlineData("exactly-15-char")]
    [InlineData("a password of more than thirty-two octets")]
    public void TunnelPassword_RoundTrips(string password)
    {
        var secret = new SharedSecret("xyz");
        byte[] vector = new byte[16];
        new Random(password.Length).NextBytes(vector);
        byte[] cipher = new byte[TunnelPasswordCipher.GetCipherLength(password.Length)];
        int length = TunnelPasswordCipher.Encrypt(Encoding.UTF8.GetBytes(password), 0x1234, vector, secret, cipher);
        Assert.Equal(cipher.Length, length);
        Assert.Equal(0x92, cipher[0]);
        byte[] plain = new byte[cipher.Length];
        Assert.True(TunnelPasswordCipher.TryDecrypt(cipher, vector, secret, plain, out int written));
        Assert.Equal(password, Encoding.UTF8.GetString(plain, 0, written));
    }

    [Fact]
    public void SelectVector_IsZeroOnlyForAccountingDisconnectAndCoaRequests()
    {
        byte[] auth = [.. Enumerable.Repeat((byte)7, 16)];
        Assert.Equal(new byte[16], TunnelPasswordCipher.SelectVector(RadiusCode.DisconnectRequest, auth).ToArray());
        Assert.Equal(new byte[16], TunnelPasswordCipher.SelectVector(RadiusCode.AccountingRequest, auth).ToArray());
        Assert.Equal(auth, TunnelPasswordCipher.SelectVector(RadiusCode.AccessAccept, auth).ToArray());
    }
}
