using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers.Mikrotik;

/// <summary>
/// <c>type = Mikrotik-API</c>: RouterOS API at <c>api_host</c> (default: the first ipaddr); Disconnect removes the
/// matching hotspot and PPP sessions, CoA re-rates them; <c>nas test</c> and <c>sessions list|kick</c> work.
/// </summary>
internal sealed class MikrotikNasType : NasType
{
    public const string TypeName = "Mikrotik-API";

    private const int ApiPort = 8728;
    private const int ApiSslPort = 8729;

    public override string Name => TypeName;

    public override NasCapabilities Capabilities =>
        NasCapabilities.Disconnect | NasCapabilities.Coa | NasCapabilities.SessionListing | NasCapabilities.ConnectionTest;

    public override IReadOnlyCollection<string> ConfigKeys { get; } =
    [
        "api_host", "api_port", "api_tls", "api_tls_fingerprint", "api_username", "api_password",
        "remove_cookies", "multiple_sessions", "coa_port", "secret",
    ];

    public override NasSettings ReadSettings(NasSection nas)
    {
        SectionReader section = nas.Reader;
        string apiHost = RouterOsNasKeys.ApiHost(nas);
        bool tls = section.Bool("api_tls", false);
        string? fingerprint = section.String("api_tls_fingerprint");
        if (fingerprint is not null)
        {
            if (!tls)
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' needs 'api_tls = yes'");
            }

            string hex = fingerprint.Replace(":", "", StringComparison.Ordinal);
            if (hex.Length is not (40 or 64) || !hex.All(char.IsAsciiHexDigit))
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' must be a SHA-256 (or SHA-1) certificate fingerprint in hex, colons optional");
            }
        }

        RouterOsNasKeys.Common common = RouterOsNasKeys.ReadCommon(nas, apiHost, tls ? ApiSslPort : ApiPort);
        var settings = new MikrotikNasSettings
        {
            ApiHost = apiHost, ApiTls = tls, ApiTlsFingerprint = fingerprint, ApiUsername = common.Username, ApiPassword = common.Password,
        };
        return RouterOsNasKeys.With(settings, common);
    }

    /// <summary>
    /// From the <c>mt_*</c> settings (docs/radiusdesk.md): <c>mt_proto = https</c> means API-SSL, and the UI default port
    /// 8728 then becomes 8729, as RADIUSdesk's Kicker does. <c>mt_host</c> defaults to the session's nasipaddress. A
    /// <c>nas</c> row also yields its RFC 5176 endpoint (nasipaddress:coa_port, secret) for rate changes.
    /// </summary>
    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken)
    {
        if (RouterOsNasKeys.FromDatabase(row, nasIp, TypeName, out string? unusable) is not { } mt)
        {
            return ValueTask.FromResult(DatabaseMapping.Unusable(unusable!));
        }

        int port = mt.Port ?? ApiPort;
        var settings = new MikrotikNasSettings
        {
            ApiHost = mt.Host, ApiPort = mt.Tls && port == ApiPort ? ApiSslPort : port, ApiTls = mt.Tls, ApiUsername = mt.Username,
            ApiPassword = mt.Password,
        };
        return ValueTask.FromResult(DatabaseMapping.Of(RouterOsNasKeys.With(settings, mt)));
    }

    public override string Describe(NasSettings settings)
    {
        var m = (MikrotikNasSettings)settings;
        return $"RouterOS API {m.ApiHost}:{m.ApiPort}{(m.ApiTls ? " (TLS)" : "")} as {m.ApiUsername}";
    }

    /// <summary>
    /// The driver and its per-router client cache (disposed, with <c>/quit</c>, at shutdown). CoAs for NASes with
    /// <c>coa_port</c> and <c>secret</c> go through an <see cref="IRouterCoaForwarder"/> if one is registered, else through
    /// the RFC 5176 <see cref="RadiusForwarder"/> when that is registered; with neither, the driver uses the API path.
    /// </summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.AddSingleton<MikrotikClientCache>();
        services.AddSingleton<MikrotikDriver>(sp => new MikrotikDriver(
            sp.GetRequiredService<MikrotikClientCache>(),
            sp.GetRequiredService<ILogger<MikrotikDriver>>(),
            RadiusForwarderCoaForwarder.Resolve(sp)));
        services.AddSingleton<INasDriver>(sp => sp.GetRequiredService<MikrotikDriver>());
    }

    public override INasAdmin CreateAdmin() => new MikrotikAdmin();
}
