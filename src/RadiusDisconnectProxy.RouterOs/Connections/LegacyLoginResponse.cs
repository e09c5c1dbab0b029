using System.Security.Cryptography;
using System.Text;

namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// The pre-6.43 challenge login (API manual): <c>response = "00" + hex(MD5(0x00 || password || challenge))</c>,
/// the challenge being the hex <c>=ret=</c> of the first <c>/login</c>.
/// </summary>
public static class LegacyLoginResponse
{
    /// <summary>Computes the <c>=response=</c> value; false when the challenge is not valid hex.</summary>
    public static bool TryCompute(string password, string challengeHex, out string response)
    {
        response = "";
        if (challengeHex.Length == 0 || challengeHex.Length % 2 != 0 || challengeHex.Length > 256)
        {
            return false;
        }

        Span<byte> challenge = stackalloc byte[challengeHex.Length / 2];
        if (Convert.FromHexString(challengeHex, challenge, out _, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        byte[] input = new byte[1 + Encoding.UTF8.GetByteCount(password) + challenge.Length];
        try
        {
            int written = 1 + Encoding.UTF8.GetBytes(password, input.AsSpan(1));
            challenge.CopyTo(input.AsSpan(written));
            Span<byte> hash = stackalloc byte[16];
#pragma warning disable CA5351 // MD5 is what the legacy RouterOS login protocol mandates; it is not our choice.
            MD5.HashData(input, hash);
#pragma warning restore CA5351
            response = "00" + Convert.ToHexStringLower(hash);
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(input);
        }
    }
}
