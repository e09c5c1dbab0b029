namespace RadiusDisconnectProxy.RadSec;

/// <summary>
/// The fixed Protocol-Error (code 52, RFC 7930) RFC 9765 §3.3.1 suggests before closing a connection whose ALPN
/// negotiation failed: Identifier 0, an all-zero authenticator (it answers no request), Error-Cause 406
/// Unsupported-Extension and a Reply-Message saying why.
/// </summary>
internal static class ProtocolError
{
    private const string Reason = "RADIUS/1.1 (ALPN radius/1.1) required";

    public static readonly byte[] UnsupportedExtension = Build();

    private static byte[] Build()
    {
        byte[] reason = System.Text.Encoding.ASCII.GetBytes(Reason);
        int length = 20 + 6 + 2 + reason.Length;
        byte[] packet = new byte[length];
        packet[0] = 52;
        packet[2] = (byte)(length >> 8);
        packet[3] = (byte)length;
        packet[20] = 101;   // Error-Cause
        packet[21] = 6;
        packet[25] = 406 & 0xFF;
        packet[24] = 406 >> 8;
        packet[26] = 18;    // Reply-Message
        packet[27] = (byte)(2 + reason.Length);
        reason.CopyTo(packet.AsSpan(28));
        return packet;
    }
}
