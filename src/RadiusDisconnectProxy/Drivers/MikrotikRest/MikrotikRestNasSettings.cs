using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary><c>type = Mikrotik-Rest-API</c>: RouterOS v7 REST over HTTPS (<c>www-ssl</c>) or, from 7.9 on, HTTP (<c>www</c>).</summary>
public sealed record MikrotikRestNasSettings : RouterOsNasSettings
{
    public override int ApiPort { get; init; } = 443;
    public override bool ApiTls { get; init; } = true;
    /// <summary><c>api_tls_verify = no</c>: any certificate is accepted (RADIUSdesk's own behaviour), with a warning.</summary>
    public bool ApiTlsVerify { get; init; } = true;

    protected override bool PrintMembers(System.Text.StringBuilder builder)
    {
        PrintSettings(builder, ApiTlsVerify);
        return true;
    }
}
