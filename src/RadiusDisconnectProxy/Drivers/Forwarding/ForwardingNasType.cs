using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>
/// <c>type = other</c>: a real RFC 5176 DAS at <c>ipaddr:coa_port</c>, re-signed with <c>secret</c>; the request is
/// forwarded and the NAS's answer relayed (docs/contracts.md).
/// </summary>
internal sealed class ForwardingNasType : NasType
{
    public const string TypeName = "other";

    /// <summary>The RFC 5176 secret RADIUSdesk uses for dynamic clients, which have no secret column (FreeRADIUS dynamic-clients).</summary>
    public const string DynamicClientSecret = "testing123";

    private const int DefaultCoaPort = 3799;

    /// <summary>The driver's own timers end every request by MRD (RFC 5080 §2.2.1); the executor waits 5 s longer.</summary>
    private static readonly TimeSpan s_deadlineMargin = TimeSpan.FromSeconds(5);

    public override string Name => TypeName;

    /// <summary>
    /// An empty type (the column default), plus the types RADIUSdesk itself sends radclient Disconnect-Requests to.
    /// </summary>
    public override IReadOnlyCollection<string> DatabaseAliases { get; } = ["", "Juniper", "Mikrotik-COA", "Cisco-COA"];

    public override NasCapabilities Capabilities =>
        NasCapabilities.Disconnect | NasCapabilities.Coa | NasCapabilities.AuthorizeOnly;

    public override IReadOnlyCollection<string> ConfigKeys { get; } =
    [
        "coa_port", "secret", "strip_proxy_state", "accept_zeroed_message_authenticator", "irt", "mrc", "mrt", "mrd",
    ];

    public override NasSettings ReadSettings(NasSection nas)
    {
        SectionReader section = nas.Reader;
        if (nas.Addresses.Count == 0)
        {
            throw section.BlockError($"{nas.Describe()} needs 'ipaddr': the address its requests are forwarded to");
        }

        string secret = section.String("secret") is { Length: > 0 } s
            ? s
            : throw section.BlockError($"{nas.Describe()} needs a non-empty 'secret'");

        RetransmissionTimers timers = RetransmissionTimerKeys.Read(section);

        return new ForwardingNasSettings
        {
            CoaEndpoint = new IPEndPoint(nas.Addresses[0], section.Int("coa_port", DefaultCoaPort, 1, 65535)),
            Secret = secret,
            StripProxyState = section.Bool("strip_proxy_state", false),
            AcceptZeroedMessageAuthenticator = section.Bool("accept_zeroed_message_authenticator", false),
            Timers = timers,
        };
    }

    /// <summary>
    /// To the address the NAS reported (radacct.nasipaddress, as RADIUSdesk does) on <c>nas.coa_port</c> (3799 when
    /// absent or 0) with <c>nas.secret</c>; dynamic clients have no secret and use RADIUSdesk's testing123.
    /// </summary>
    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(nasIp is null
            ? DatabaseMapping.Unusable($"{row.Source} forwards RFC 5176 but the session has no NAS-IP-Address")
            : DatabaseMapping.Of(new ForwardingNasSettings
            {
                CoaEndpoint = new IPEndPoint(nasIp, row.CoaPortOr(DefaultCoaPort)),
                Secret = string.IsNullOrEmpty(row.Secret) ? DynamicClientSecret : row.Secret,
            }));

    public override TimeSpan LongestDuration(NasSettings? settings, ProxyOptions options) =>
        ((settings as ForwardingNasSettings)?.Timers ?? RetransmissionTimers.Default).Mrd;

    public override TimeSpan Deadline(NasSettings settings, TimeSpan driverTimeout) =>
        settings is ForwardingNasSettings forwarding && forwarding.Timers.Mrd + s_deadlineMargin > driverTimeout
            ? forwarding.Timers.Mrd + s_deadlineMargin
            : driverTimeout;

    public override bool BoundsItself(NasSettings settings) =>
        settings is ForwardingNasSettings { Timers.Mrd: var mrd } && mrd > TimeSpan.Zero;

    public override string Describe(NasSettings settings) => $"RFC 5176 {((ForwardingNasSettings)settings).CoaEndpoint}";

    /// <summary>The RFC 5176 forwarder (other types may use it too, e.g. Mikrotik CoAs to RouterOS) and the driver.</summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.TryAddSingleton(ForwardingOptions.Default);
        // The forwarder re-keys what the dictionary marks encrypt=2. `serve` registers the dictionary it loaded (and
        // reported errors of) before logging started; other hosts load the configured one here.
        services.TryAddSingleton(_ => DictionaryLoader.Load(options));
        services.TryAddSingleton<RadiusForwarder>();
        services.AddSingleton<INasDriver, ForwardingDriver>();
    }
}
