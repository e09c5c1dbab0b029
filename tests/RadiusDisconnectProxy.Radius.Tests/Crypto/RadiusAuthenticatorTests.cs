using System.Security.Cryptography;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Tests.Crypto;

public class RadiusAuthenticatorTests
{
    private static readonly SharedSecret s_testing = new(Vectors.TestingSecret);

    [Theory]
    [InlineData(Vectors.FlexinetsDisconnect, Vectors.FlexinetsSecret)]
    [InlineData(Vectors.RadclientDisconnect, Vectors.TestingSecret)]
    [InlineData(Vectors.RadclientCoa, Vectors.TestingSecret)]
    public void VerifyRequestAuthenticator_AcceptsIndependentVectors(string hex, string secret)
    {
        Assert.True(RadiusAuthenticator.VerifyRequestAuthenticator(Vectors.Bytes(hex), new SharedSecret(secret)));
        Assert.False(RadiusAuthenticator.VerifyRequestAuthenticator(Vectors.Bytes(hex), new SharedSecret(secret + "x")));
    }

    [Fact]
    public void VerifyRequestAuthenticator_RejectsAnyFlippedBit()
    {
        byte[] packet = Vectors.Bytes(Vectors.RadclientDisconnect);
        for (int i = 0; i < packet.Length; i++)
        {
            if (i is 2 or 3)
            {
                continue;
            }

            packet[i] ^= 0x10;
            Assert.False(RadiusAuthenticator.VerifyRequestAuthenticator(packet, s_testing));
            packet[i] ^= 0x10;
        }
    }

    [Fact]
    public void VerifyMessageAuthenticator_RadclientDisconnect()
    {
        byte[] bytes = Vectors.Bytes(Vectors.RadclientDisconnect);
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Assert.Equal(MessageAuthenticatorStatus.Valid,
            RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, default, s_testing));
        Assert.Equal(MessageAuthenticatorStatus.Invalid,
            RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, default, new SharedSecret("wrong")));
        Assert.Equal(MessageAuthenticatorStatus.Absent,
            RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, -1, default, s_testing));
    }

    [Fact]
    public void VerifyMessageAuthenticator_AccessRequestUsesItsOwnAuthenticator()
    {
        byte[] bytes = Vectors.Bytes(Vectors.RadclientAccessRequest);
        Assert.Equal(PacketParseError.None, RadiusPacketReader.TryParse(bytes, out RadiusPacketReader packet));
        Assert.Equal(MessageAuthenticatorStatus.Valid,
            RadiusAuthenticator.VerifyMessageAuthenticator(packet.Span, packet.MessageAuthenticatorOffset, packet.Authenticator, new SharedSecret("s3cret")));
    }

    [Fact]
    public void MessageAuthenticator_EqualsPlatformHmacMd5_ForLongSecrets()
    {
        var random = new Random(3579);
        foreach (int secretLength in new[] { 1, 16, 63, 64, 65, 200 })
        {
            byte[] secretBytes = new byte[secretLength];
            random.NextBytes(secretBytes);
            var secret = new SharedSecret(secretBytes);
            byte[] buffer = new byte[4096];
            var writer = new RadiusPacketWriter(buffer, RadiusCode.DisconnectAck, 3);
            writer.AddMessageAuthenticator();
            writer.Add(33, "state"u8);
            byte[] requestAuth = RandomNumberGenerator.GetBytes(16);
            RadiusAuthenticator.SignResponse(writer.Written, requestAuth, secret);
            byte[] copy = writer.Written.ToArray();
            byte[] mac = copy.AsSpan(22, 16).ToArray();
            requestAuth.CopyTo(copy, 4);
            Array.Clear(copy, 22, 16);
            Assert.Equal(HMACMD5.HashData(secretBytes, copy), mac);
            Assert.True(RadiusAuthenticator.VerifyResponseAuthenticator(writer.Written, requestAuth, secret));
            Assert.Equal(MessageAuthenticatorStatus.Valid,
                RadiusAuthenticator.VerifyMessageAuthenticator(writer.Written, 22, requestAuth, secret));
        }
    }

    [Fact]
    public void Verify_ReturnsFalseForBrokenSpans()
    {
        Assert.False(RadiusAuthenticator.VerifyRequestAuthenticator(new byte[5], s_testing));
        Assert.False(RadiusAuthenticator.VerifyResponseAuthenticator(new byte[20], new byte[3], s_testing));
        Assert.Equal(MessageAuthenticatorStatus.Invalid, RadiusAuthenticator.VerifyMessageAuthenticator(new byte[24], 30, default, s_testing));
    }

    [Fact]
    public void SharedSecret_NeverPrintsItself()
    {
        Assert.Equal("***", new SharedSecret("topsecret").ToString());
        Assert.Equal("topsecret"u8.ToArray(), new SharedSecret("topsecret").Bytes.ToArray());
    }
}
