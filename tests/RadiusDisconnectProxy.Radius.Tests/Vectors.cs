namespace RadiusDisconnectProxy.Radius.Tests;

/// <summary>Packets produced by other implementations, recorded as hex (never by this codec).</summary>
internal static class Vectors
{
    /// <summary>radius-protocol.md A.3 (Flexinets "disconnect-request"): Acct-Session-Id "09042AF8", secret xyzzy5461.</summary>
    public const string FlexinetsDisconnect = "2801001e2ec8a0da729620319be0140bc28e92682c0a3039303432414638";
    public const string FlexinetsSecret = "xyzzy5461";

    /// <summary>
    /// radclient 3.2.1 on loopback, secret testing123: Disconnect-Request User-Name "bob", Acct-Session-Id "5A3B0001",
    /// NAS-IP-Address 10.0.0.1, Calling-Station-Id "0C-C6-FD-7B-8B-AA", Event-Timestamp 1764064800, Message-Authenticator.
    /// </summary>
    public const string RadclientDisconnect =
        "28600054099d0802cac97231d39c3169525933600105626f622c0a354133423030303104060a0000011f1330432d43362d46442d37422d38422d4141370669257e205012b18bfb895f3deb1585f9d838fae220d8";

    /// <summary>
    /// radclient 3.2.1, secret testing123: CoA-Request User-Name "alice", Tunnel-Type:1 VLAN, Tunnel-Medium-Type:1 IEEE-802,
    /// Tunnel-Private-Group-Id:1 "42", Tunnel-Password:1 "s3cr3t-pw" (zero vector), Mikrotik-Rate-Limit "2M/4M",
    /// WISPr-Bandwidth-Max-Up 512000, ChilliSpot-Bandwidth-Max-Down 1024.
    /// </summary>
    public const string RadclientCoa =
        "2b7a006663baf1bbf52cac48d9fcb1ee6b2973400107616c69636540060100000d410601000006510501343245150182dedf600b4e24e8054486f01682f002579d1a0d00003a8c0807324d2f344d1a0c0000372a07060007d0001a0c000038df050600000400";

    /// <summary>radclient 3.2.1, secret s3cret: Access-Request User-Name "bob", User-Password "hello-world-1234567", NAS-IP-Address 127.0.0.1, Message-Authenticator.</summary>
    public const string RadclientAccessRequest =
        "01a70053adfe6d8fddc342ae30de307d22b7c2f80105626f620222fd7c22909b0e2ee05d29eb42a8f7409ecea0c5448ad1ddd16e06de93b095fcc004067f00000150127589edafbd237396c273653c489ab841";

    public const string TestingSecret = "testing123";

    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
