using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

public enum MultipleSessionsPolicy
{
    Allow,
    Reject,
}

/// <summary><c>type = Mikrotik-API</c>: RouterOS API (8728, API-SSL 8729).</summary>
public sealed record MikrotikNasSettings : RouterOsNasSettings
{
    public override int ApiPort { get; init; } = 8728;
    public override bool ApiTls { get; init; }

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        PrintSettings(builder, tlsVerify: null);
        return true;
    }
}
