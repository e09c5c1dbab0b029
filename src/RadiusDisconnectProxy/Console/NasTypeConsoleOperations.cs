using System.Diagnostics;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// <see cref="IConsoleNasOperations"/> over the list of NAS types (docs/adding-a-nas-type.md): a NAS whose type offers
/// <see cref="NasCapabilities.ConnectionTest"/> gets "Test connection", one whose type offers
/// <see cref="NasCapabilities.SessionListing"/> lists its sessions from the NAS itself, and every other NAS lists its
/// open radacct sessions when the RADIUSdesk database is configured. No NAS type is named here.
/// </summary>
internal sealed class NasTypeConsoleOperations : IConsoleNasOperations
{
    private readonly NasRegistry _registry;
    private readonly NasTypes _types;
    private readonly RadAcctSessions? _radacct;
    private (IReadOnlyList<NasTarget> Source, IReadOnlyList<ConsoleNas> Nases) _current = ([], []);

    public NasTypeConsoleOperations(NasRegistry registry, NasTypes types, RadAcctSessions? radacct)
    {
        _registry = registry;
        _types = types;
        _radacct = radacct;
    }

    /// <summary>The configured NASes, rebuilt when a reload (SIGHUP) installed a new list.</summary>
    public IReadOnlyList<ConsoleNas> Nases
    {
        get
        {
            IReadOnlyList<NasTarget> source = _registry.Nases;
            (IReadOnlyList<NasTarget> Source, IReadOnlyList<ConsoleNas> Nases) current = _current;
            if (!ReferenceEquals(current.Source, source))
            {
                current = (source, [.. source.Select(Describe)]);
                _current = current;
            }

            return current.Nases;
        }
    }

    public async Task<ConnectionTestResult> TestAsync(ConsoleNas nas, CancellationToken cancellationToken)
    {
        long start = Stopwatch.GetTimestamp();
        NasType type = _types.Of(nas.Target);
        if (!type.Can(NasCapabilities.ConnectionTest) || type.CreateAdmin() is not { } admin)
        {
            return new ConnectionTestResult(false, [], $"type {type.Name} has no connection test", TimeSpan.Zero);
        }

        try
        {
            IReadOnlyList<KeyValuePair<string, string>> properties = await admin.TestConnectionAsync(nas.Target, cancellationToken);
            return new ConnectionTestResult(true, properties, null, Stopwatch.GetElapsedTime(start));
        }
        catch (NasAdminException e)
        {
            return new ConnectionTestResult(false, [], e.Message, Stopwatch.GetElapsedTime(start));
        }
    }

    public async Task<SessionListResult> ListSessionsAsync(ConsoleNas nas, CancellationToken cancellationToken)
    {
        NasType type = _types.Of(nas.Target);
        if (type.Can(NasCapabilities.SessionListing) && type.CreateAdmin() is { } admin)
        {
            try
            {
                IReadOnlyList<NasSession> sessions = await admin.ListSessionsAsync(nas.Target, cancellationToken);
                return new SessionListResult(true, [.. sessions.Select(ToConsole)], null);
            }
            catch (NasAdminException e)
            {
                return SessionListResult.Failed(e.Message);
            }
        }

        return _radacct is null
            ? SessionListResult.Failed($"type {type.Name} cannot list sessions itself; configure the radiusdesk database to see them from radacct")
            : await _radacct.ListAsync(nas.Target, cancellationToken);
    }

    private ConsoleNas Describe(NasTarget nas)
    {
        NasType type = _types.Of(nas);
        string? sessions = type.Can(NasCapabilities.SessionListing) ? "nas" : _radacct is null ? null : "radacct";
        return new ConsoleNas(nas, type.Can(NasCapabilities.ConnectionTest), sessions);
    }

    /// <summary>The keys a Disconnect-Request for this session carries: what identifies it on the NAS (RFC 5176 §3).</summary>
    private static ConsoleSession ToConsole(NasSession s)
    {
        var keys = new SessionKeys
        {
            UserName = s.User,
            CallingStationId = s.Mac,
            FramedIpAddress = System.Net.IPAddress.TryParse(s.Address, out System.Net.IPAddress? address) ? address : null,
        };
        return new ConsoleSession(s.Id, s.Kind, s.User, s.Address, s.Mac, s.Uptime, s.Service, null, keys);
    }
}
