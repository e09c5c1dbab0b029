using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.Mikrotik.Shared;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.MikrotikRest;

/// <summary>
/// <c>type = Mikrotik-Rest-API</c> (docs/mikrotik-rest.md): RouterOS v7 REST at <c>api_host</c> (default: the first
/// ipaddr) over HTTPS, or HTTP with <c>api_tls = no</c>; Disconnect removes every matching hotspot, PPP and (Ethernet)
/// DHCP-lease session, CoA re-rates as <c>Mikrotik-API</c>; <c>nas test</c> and <c>sessions list|kick</c> work.
/// </summary>
internal sealed class MikrotikRestNasType : NasType
{
    public const string TypeName = MikrotikRestDriver.TypeName;

    private const int HttpsPort = 443;
    private const int HttpPort = 80;

    public override string Name => TypeName;

    public override NasCapabilities Capabilities =>
        NasCapabilities.Disconnect | NasCapabilities.Coa | NasCapabilities.SessionListing | NasCapabilities.ConnectionTest;

    public override IReadOnlyCollection<string> ConfigKeys { get; } =
    [
        "api_host", "api_port", "api_tls", "api_tls_fingerprint", "api_tls_verify", "api_username", "api_password",
        "remove_cookies", "multiple_sessions", "coa_port", "secret",
    ];

    public override NasSettings ReadSettings(NasSection nas)
    {
        SectionReader section = nas.Reader;
        string apiHost = RouterOsNasKeys.ApiHost(nas);
        bool tls = section.Bool("api_tls", true);
        bool verify = section.Bool("api_tls_verify", true);
        string? fingerprint = section.String("api_tls_fingerprint");
        if (fingerprint is not null)
        {
            if (!tls)
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' needs 'api_tls = yes'");
            }

            if (!verify)
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' pins the certificate; it contradicts 'api_tls_verify = no'");
            }

            if (!IsSha256Hex(fingerprint))
            {
                throw section.Error("api_tls_fingerprint", "'api_tls_fingerprint' must be the SHA-256 fingerprint of the certificate: 64 hex digits, colons optional");
            }
        }

        RouterOsNasKeys.Common common = RouterOsNasKeys.ReadCommon(nas, apiHost, tls ? HttpsPort : HttpPort);
        var settings = new MikrotikRestNasSettings
        {
            ApiHost = apiHost, ApiTls = tls, ApiTlsFingerprint = fingerprint, ApiTlsVerify = verify, ApiUsername = common.Username,
            ApiPassword = common.Password,
        };
        return RouterOsNasKeys.With(settings, common);
    }

    /// <summary>
    /// From the <c>mt_*</c> settings rows as RADIUSdesk's REST component reads them (docs/mikrotik-rest.md): <c>mt_proto</c>
    /// is the URL scheme, <c>mt_port</c> is used as stored. RADIUSdesk keeps no certificate pin, so the proxy checks the
    /// system CA store and host name unless the row set <c>mt_tls_fingerprint</c> (pin) or <c>mt_tls_verify = no</c>.
    /// </summary>
    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken)
    {
        if (RouterOsNasKeys.FromDatabase(row, nasIp, TypeName, out string? unusable) is not { } mt)
        {
            return ValueTask.FromResult(DatabaseMapping.Unusable(unusable!));
        }

        string? fingerprint = row.Setting("mt_tls_fingerprint") is { } pin && IsSha256Hex(pin) ? pin : null;
        var settings = new MikrotikRestNasSettings
        {
            ApiHost = mt.Host, ApiPort = mt.Port ?? (mt.Tls ? HttpsPort : HttpPort), ApiTls = mt.Tls, ApiTlsFingerprint = fingerprint,
            ApiTlsVerify = fingerprint is not null || !string.Equals(row.Setting("mt_tls_verify"), "no", StringComparison.OrdinalIgnoreCase),
            ApiUsername = mt.Username, ApiPassword = mt.Password,
        };
        return ValueTask.FromResult(DatabaseMapping.Of(RouterOsNasKeys.With(settings, mt)));
    }

    public override string Describe(NasSettings settings)
    {
        var m = (MikrotikRestNasSettings)settings;
        string check = !m.ApiTls ? "" : m.ApiTlsFingerprint is not null ? " (certificate pinned)" : m.ApiTlsVerify ? "" : " (certificate NOT verified)";
        return $"RouterOS REST {(m.ApiTls ? "https" : "http")}://{m.ApiHost}:{m.ApiPort}{check} as {m.ApiUsername}";
    }

    /// <summary>
    /// The driver and its per-router REST client cache. CoAs for NASes with <c>coa_port</c> and <c>secret</c> go through
    /// an <see cref="IRouterCoaForwarder"/> if one is registered, else through the RFC 5176 <see cref="RadiusForwarder"/>.
    /// </summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.AddSingleton(sp =>
        {
            ILogger logger = sp.GetRequiredService<ILogger<MikrotikRestDriver>>();
            return new RestClientCache { OnUnverifiedTls = nas => MikrotikRestLog.UnverifiedTls(logger, nas) };
        });
        services.AddSingleton<MikrotikRestDriver>(sp => new MikrotikRestDriver(
            sp.GetRequiredService<RestClientCache>(),
            sp.GetRequiredService<ILogger<MikrotikRestDriver>>(),
            RadiusForwarderCoaForwarder.Resolve(sp)));
        services.AddSingleton<INasDriver>(sp => sp.GetRequiredService<MikrotikRestDriver>());
    }

    public override INasAdmin CreateAdmin() => new MikrotikRestAdmin();

    private static bool IsSha256Hex(string text)
    {
        string hex = text.Replace(":", "", StringComparison.Ordinal);
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigit);
    }
}
