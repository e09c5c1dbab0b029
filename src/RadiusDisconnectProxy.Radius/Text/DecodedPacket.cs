using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>A packet decoded for people (CLI, logs); the validity flags are null when they cannot be computed.</summary>
public sealed class DecodedPacket
{
    public required RadiusCode Code { get; init; }

    public required byte Identifier { get; init; }

    public required int Length { get; init; }

    public required string Authenticator { get; init; }

    public required IReadOnlyList<DecodedAttribute> Attributes { get; init; }

    public bool? RequestAuthenticatorValid { get; init; }

    public bool? MessageAuthenticatorValid { get; init; }

    public bool? ResponseAuthenticatorValid { get; init; }
}
