using RadiusDisconnectProxy.Radius.Crypto;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>What the decoder may use to check authenticators and reveal encrypt=1/2 values.</summary>
public sealed class PacketDecodeOptions
{
    public static PacketDecodeOptions None { get; } = new();

    public SharedSecret? Secret { get; init; }

    /// <summary>For answers: the authenticator of the request they answer (16 octets).</summary>
    public ReadOnlyMemory<byte>? RequestAuthenticator { get; init; }
}
