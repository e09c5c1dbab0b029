using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers.AccelRadiusdesk;

/// <summary>
/// <c>type = AccelRadiusdesk</c> (docs/accel-ppp.md): with <c>dae_port</c> and <c>secret</c>, RFC 5176 to accel-ppp's
/// <c>dae-server</c> at <c>ipaddr:dae_port</c> (RFC 5080 timers <c>irt mrc mrt mrd</c> as for <c>other</c>); without,
/// the RADIUSdesk database path (<c>accel_sessions.disconnect_flag</c>).
/// </summary>
internal sealed class AccelNasType : NasType
{
    public const string TypeName = AccelDriver.TypeName;

    /// <summary>The driver's forwarding timers end every request by MRD (RFC 5080 §2.2.1); the executor waits 5 s longer.</summary>
    private static readonly TimeSpan s_deadlineMargin = TimeSpan.FromSeconds(5);

    public override string Name => TypeName;

    /// <summary>RADIUSdesk's UI label for the type (fup.pl compares with it).</summary>
    public override IReadOnlyCollection<string> DatabaseAliases { get; } = ["Accel-On-RADIUSdesk"];

    public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

    public override IReadOnlyCollection<string> ConfigKeys { get; } = ["dae_port", "secret", "irt", "mrc", "mrt", "mrd"];

    public override NasSettings ReadSettings(NasSection nas)
    {
        SectionReader section = nas.Reader;
        if (!section.Has("dae_port"))
        {
            foreach (string key in new[] { "secret", "irt", "mrc", "mrt", "mrd" })
            {
                if (section.Has(key))
                {
                    throw section.Error(key, $"'{key}' belongs to forwarding to accel-ppp's dae-server and needs 'dae_port'");
                }
            }

            return nas.HasDatabase
                ? new AccelNasSettings()
                : throw section.BlockError($"{nas.Describe()} needs 'dae_port' and 'secret' (accel-ppp's dae-server), or a radiusdesk section (the accel_sessions flag)");
        }

        if (nas.Addresses.Count == 0)
        {
            throw section.BlockError($"{nas.Describe()} with 'dae_port' needs 'ipaddr': the address of accel-ppp's dae-server");
        }

        string secret = section.String("secret") is { Length: > 0 } s
            ? s
            : throw section.BlockError($"{nas.Describe()} with 'dae_port' needs the dae-server's non-empty 'secret'");
        RetransmissionTimers timers = RetransmissionTimerKeys.Read(section);

        return new AccelNasSettings
        {
            DaeEndpoint = new IPEndPoint(nas.Addresses[0], section.Int("dae_port", 3799, 1, 65535)),
            Secret = secret,
            Timers = timers,
        };
    }

    /// <summary>RADIUSdesk rows take the database path, as RADIUSdesk's own Kicker does.</summary>
    public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken) =>
        ValueTask.FromResult(DatabaseMapping.Of(new AccelNasSettings()));

    public override TimeSpan LongestDuration(NasSettings? settings, ProxyOptions options) =>
        settings is AccelNasSettings { Forwards: true } forwarding ? forwarding.Timers.Mrd : TimeSpan.Zero;

    public override TimeSpan Deadline(NasSettings settings, TimeSpan driverTimeout) =>
        settings is AccelNasSettings { Forwards: true } forwarding && forwarding.Timers.Mrd + s_deadlineMargin > driverTimeout
            ? forwarding.Timers.Mrd + s_deadlineMargin
            : driverTimeout;

    public override string Describe(NasSettings settings) => settings is AccelNasSettings { Forwards: true } forwarding
        ? $"RFC 5176 accel-ppp dae-server {forwarding.DaeEndpoint}"
        : "RADIUSdesk accel_sessions.disconnect_flag (queued; the accel box acts within about 60 s)";

    /// <summary>The driver over the shared RFC 5176 forwarder and, when configured, the RADIUSdesk database.</summary>
    public override void AddServices(IServiceCollection services, ProxyOptions options)
    {
        services.TryAddSingleton(ForwardingOptions.Default);
        services.TryAddSingleton<RadiusForwarder>();
        services.AddSingleton<INasDriver>(sp => new AccelDriver(sp.GetRequiredService<RadiusForwarder>(), sp.GetService<RadiusDeskDatabase>(),
            sp.GetRequiredService<ILogger<AccelDriver>>()));
    }
}
