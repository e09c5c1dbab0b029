using System.Diagnostics;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.RouterOs;
using RadiusDisconnectProxy.RouterOs.Errors;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// <see cref="IConsoleNasOperations"/> over today's NAS types: RouterOS API NASes are tested and listed on the router
/// (as <c>nas test</c> / <c>sessions list</c> do); every other type lists its sessions from radacct when the RADIUSdesk
/// database is configured.
/// </summary>
internal sealed class CurrentNasOperations(NasRegistry registry, RadAcctSessions? radacct) : IConsoleNasOperations
{
    private static readonly TimeSpan s_connectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_commandTimeout = TimeSpan.FromSeconds(15);

    public IReadOnlyList<ConsoleNas> Nases { get; } = [.. registry.Nases.Select(n => n.Settings is MikrotikNasSettings
        ? new ConsoleNas(n, CanTest: true, "router")
        : new ConsoleNas(n, CanTest: false, radacct is null ? null : "radacct"))];

    public async Task<ConnectionTestResult> TestAsync(ConsoleNas nas, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        if (nas.Target.Settings is not MikrotikNasSettings settings)
        {
            return new ConnectionTestResult(false, [], $"type {nas.Target.Type} has no connection test", TimeSpan.Zero);
        }

        try
        {
            await using RouterOsClient client = Open(settings);
            Response response = await client.ExecuteAsync(new Command("/system/resource/print"), cancellationToken);
            IReadOnlyList<KeyValuePair<string, string>> properties = [.. response.Rows.FirstOrDefault()?.Properties ?? new Dictionary<string, string>()];
            return new ConnectionTestResult(true, properties, null, Stopwatch.GetElapsedTime(start));
        }
        catch (RouterOsException e)
        {
            return new ConnectionTestResult(false, [], e.Message, Stopwatch.GetElapsedTime(start));
        }
    }

    public async Task<SessionListResult> ListSessionsAsync(ConsoleNas nas, CancellationToken cancellationToken)
    {
        if (nas.Target.Settings is MikrotikNasSettings settings)
        {
            try
            {
                await using RouterOsClient client = Open(settings);
                IReadOnlyList<ActiveSession> sessions = await new RouterSessions(client).ListAsync(cancellationToken);
                return new SessionListResult(true, [.. sessions.Select(ToConsole)], null);
            }
            catch (RouterOsException e)
            {
                return SessionListResult.Failed(e.Message);
            }
        }

        return radacct is null
            ? SessionListResult.Failed($"type {nas.Target.Type} cannot list sessions itself; configure the radiusdesk database to see them from radacct")
            : await radacct.ListAsync(nas.Target, cancellationToken);
    }

    private static RouterOsClient Open(MikrotikNasSettings settings)
    {
        var cache = new MikrotikClientCache { ConnectTimeout = s_connectTimeout, CommandTimeout = s_commandTimeout };
        return new RouterOsClient(cache.CreateOptions(settings) with { MaxConnections = 1 });
    }

    private static ConsoleSession ToConsole(ActiveSession s)
    {
        var keys = new SessionKeys
        {
            UserName = s.User,
            CallingStationId = s.Mac,
            FramedIpAddress = System.Net.IPAddress.TryParse(s.Address, out System.Net.IPAddress? address) ? address : null,
            AcctSessionId = s.SessionId,
        };
        return new ConsoleSession(s.Id, s.Table == SessionTable.Hotspot ? "hotspot" : "ppp", s.User, s.Address, s.Mac, s.Uptime, s.Service,
            s.SessionId, keys);
    }
}
