using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Finds the NAS of a radacct row (radiusdesk.md §1.1): a config-file <c>nas</c> entry with the same nasidentifier or
/// address wins (DESIGN.md §8); else <c>dynamic_clients</c> by nasidentifier, then <c>nas</c> by nasidentifier or
/// <c>nasname = nasipaddress</c>. Database answers (including "no usable NAS") are cached for <c>cache_ttl</c>.
/// </summary>
internal sealed class RadiusDeskNasResolver
{
    private const int MaxCacheEntries = 10_000;

    private readonly FrozenDictionary<string, NasTarget> _configByIdentifier;
    private readonly FrozenDictionary<IPAddress, NasTarget> _configByAddress;
    private readonly ConcurrentDictionary<(string NasIdentifier, string NasIpAddress), CacheEntry> _cache = new();
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RadiusDeskNasResolver(ProxyOptions options, TimeProvider time, ILogger<RadiusDeskNasResolver> logger)
    {
        var byIdentifier = new Dictionary<string, NasTarget>(StringComparer.Ordinal);
        var byAddress = new Dictionary<IPAddress, NasTarget>();
        foreach (NasTarget nas in options.Nases)
        {
            if (nas.NasIdentifier is { Length: > 0 } id)
            {
                byIdentifier.TryAdd(id, nas);
            }

            foreach (IPAddress address in nas.Addresses)
            {
                byAddress.TryAdd(address, nas);
            }
        }

        _configByIdentifier = byIdentifier.ToFrozenDictionary(StringComparer.Ordinal);
        _configByAddress = byAddress.ToFrozenDictionary();
        _ttl = options.RadiusDesk?.CacheTtl ?? TimeSpan.Zero;
        _time = time;
        _logger = logger;
    }

    /// <summary>The config-file entry for this nasidentifier, else for this address; null when the file names neither.</summary>
    public NasTarget? FromConfig(string nasIdentifier, IPAddress? nasIp) =>
        _configByIdentifier.GetValueOrDefault(nasIdentifier) ?? (nasIp is null ? null : _configByAddress.GetValueOrDefault(nasIp));

    /// <summary>Config entry, else cache, else database (then cached). Null: no usable NAS (the reason is logged).</summary>
    public async Task<NasTarget?> ResolveAsync(MySqlConnection connection, string nasIdentifier, string nasIpText, CancellationToken ct)
    {
        IPAddress? nasIp = RadAcctRow.ParseAddress(nasIpText);
        if (FromConfig(nasIdentifier, nasIp) is { } configured)
        {
            return configured;
        }

        var key = (nasIdentifier, nasIpText);
        long now = _time.GetTimestamp();
        if (_cache.TryGetValue(key, out CacheEntry? cached) && now < cached.ExpiresAt)
        {
            return cached.Target;
        }

        NasTarget? target = await ReadAsync(connection, nasIdentifier, nasIp, nasIpText, ct);
        if (_ttl > TimeSpan.Zero)
        {
            if (_cache.Count >= MaxCacheEntries)
            {
                _cache.Clear();
            }

            _cache[key] = new CacheEntry(target, now + (long)(_ttl.TotalSeconds * _time.TimestampFrequency));
        }

        return target;
    }

    private async Task<NasTarget?> ReadAsync(MySqlConnection connection, string nasIdentifier, IPAddress? nasIp, string nasIpText,
        CancellationToken ct)
    {
        string? problem = null;
        if (nasIdentifier.Length > 0 && await RadiusDeskNasReader.FindDynamicClientAsync(connection, nasIdentifier, ct) is { } client)
        {
            (NasTarget? target, problem) = await BuildAsync(connection, client, nasIdentifier, nasIp, ct);
            if (target is not null)
            {
                return Resolved(target);
            }
        }

        // RADIUSdesk's Kicker also consults `nas` after `dynamic_clients` (radiusdesk.md §1.1).
        if (await RadiusDeskNasReader.FindNasAsync(connection, nasIdentifier, nasIpText, ct) is { } nas)
        {
            (NasTarget? target, string? nasProblem) = await BuildAsync(connection, nas, nasIdentifier, nasIp, ct);
            if (target is not null)
            {
                return Resolved(target);
            }

            problem = nasProblem;
        }

        RadiusDeskLog.NasNotUsable(_logger, nasIdentifier, nasIpText, problem ?? "no dynamic_clients or nas row");
        return null;

        NasTarget Resolved(NasTarget target)
        {
            RadiusDeskLog.NasResolved(_logger, nasIdentifier, nasIpText, target.Source, target.Type);
            return target;
        }
    }

    private static async Task<(NasTarget? Target, string? Problem)> BuildAsync(MySqlConnection connection, DatabaseNas nas,
        string nasIdentifier, IPAddress? nasIp, CancellationToken ct)
    {
        string? problem;
        if (string.Equals(nas.Type, DatabaseNasTypes.CoovaMeshdesk, StringComparison.OrdinalIgnoreCase))
        {
            return await BuildCoovaAsync(connection, nas, nasIdentifier, nasIp, ct);
        }

        if (string.Equals(nas.Type, DatabaseNasTypes.MikrotikApi, StringComparison.OrdinalIgnoreCase))
        {
            NasTarget? mikrotik = DatabaseNasTargetFactory.Mikrotik(nas, nasIdentifier, nasIp, out problem);
            return (mikrotik, problem);
        }

        if (DatabaseNasTypes.ForwardingTypes.Contains(nas.Type))
        {
            NasTarget? forwarding = DatabaseNasTargetFactory.Forwarding(nas, nasIdentifier, nasIp, out problem);
            return (forwarding, problem);
        }

        return (null, $"{nas.Source} has type '{nas.Type}', which the proxy cannot act on");
    }

    private static async Task<(NasTarget? Target, string? Problem)> BuildCoovaAsync(MySqlConnection connection, DatabaseNas nas,
        string nasIdentifier, IPAddress? nasIp, CancellationToken ct)
    {
        if (nasIdentifier.StartsWith("mcp_", StringComparison.Ordinal))
        {
            List<MeshNode> nodes = await RadiusDeskNasReader.ReadMeshGatewaysAsync(connection, nasIdentifier, ct);
            return nodes.Count == 0
                ? (null, $"{nas.Source}: no gateway node found through mesh_exit_captive_portals.radius_nasid")
                : (DatabaseNasTargetFactory.Coova(nas, nasIdentifier, nasIp, new CoovaNasSettings { Nodes = nodes }), null);
        }

        if (DatabaseNasTargetFactory.ParseApId(nasIdentifier) is { } apId)
        {
            AccessPoint? ap = await RadiusDeskNasReader.ReadAccessPointAsync(connection, apId, ct);
            return ap is null
                ? (null, $"{nas.Source}: no aps row with id {apId}")
                : (DatabaseNasTargetFactory.Coova(nas, nasIdentifier, nasIp, new CoovaNasSettings { AccessPoint = ap }), null);
        }

        return (null, $"{nas.Source} is CoovaMeshdesk but '{nasIdentifier}' is neither mcp_<exit> nor ap_<id>_cp_<exit>");
    }

    private sealed record CacheEntry(NasTarget? Target, long ExpiresAt);
}
