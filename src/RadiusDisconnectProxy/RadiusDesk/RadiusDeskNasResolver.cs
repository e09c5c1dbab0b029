using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using MySqlConnector;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// Finds the NAS of a radacct row (docs/radiusdesk.md): a config-file <c>nas</c> entry with the same nasidentifier or
/// address wins; else <c>dynamic_clients</c> by nasidentifier, then <c>nas</c> by nasidentifier or
/// <c>nasname = nasipaddress</c>. Database answers (including "no usable NAS") are cached for <c>cache_ttl</c>; a reload
/// changes the TTL for entries made from then on, and a reload to another database drops them all (docs/operations.md, "Reload").
/// </summary>
internal sealed class RadiusDeskNasResolver
{
    private const int MaxCacheEntries = 10_000;

    private readonly NasRegistry _registry;
    private readonly NasTypes _types;
    // Replaced whole when the database changes: a lookup in flight on the old database stores into the old, dropped instance.
    private volatile ConcurrentDictionary<(string NasIdentifier, string NasIpAddress), CacheEntry> _cache = new();
    private long _ttlTicks;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RadiusDeskNasResolver(NasRegistry registry, NasTypes types, TimeSpan cacheTtl, TimeProvider time, ILogger<RadiusDeskNasResolver> logger)
    {
        _registry = registry;
        _types = types;
        _ttlTicks = cacheTtl.Ticks;
        _time = time;
        _logger = logger;
    }

    /// <summary>The config-file entry for this nasidentifier, else for this address; null when the file names neither.</summary>
    public NasTarget? FromConfig(string nasIdentifier, IPAddress? nasIp) =>
        _registry.TryFind(nasIdentifier, nasIp, null, out NasTarget nas) ? nas : null;

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
        ConcurrentDictionary<(string NasIdentifier, string NasIpAddress), CacheEntry> cache = _cache;
        if (cache.TryGetValue(key, out CacheEntry? cached) && now < cached.ExpiresAt)
        {
            return cached.Target;
        }

        NasTarget? target = await ReadAsync(connection, nasIdentifier, nasIp, nasIpText, ct);
        var ttl = TimeSpan.FromTicks(Volatile.Read(ref _ttlTicks));
        if (ttl > TimeSpan.Zero)
        {
            if (cache.Count >= MaxCacheEntries)
            {
                cache.Clear();
            }

            cache[key] = new CacheEntry(target, now + (long)(ttl.TotalSeconds * _time.TimestampFrequency));
        }

        return target;
    }

    /// <summary>A reload: the new <c>cache_ttl</c>; with <paramref name="dropCache"/> (another database) every cached answer goes.</summary>
    public void Reconfigure(TimeSpan cacheTtl, bool dropCache)
    {
        Volatile.Write(ref _ttlTicks, cacheTtl.Ticks);
        if (dropCache || cacheTtl <= TimeSpan.Zero)
        {
            _cache = new();
        }
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

        // RADIUSdesk's Kicker also consults `nas` after `dynamic_clients` (docs/radiusdesk.md).
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

    /// <summary>The target of a row whose type the list of NAS types knows; else why it cannot be used.</summary>
    private async Task<(NasTarget? Target, string? Problem)> BuildAsync(MySqlConnection connection, DatabaseNas nas,
        string nasIdentifier, IPAddress? nasIp, CancellationToken ct)
    {
        if (_types.ForDatabaseType(nas.Type) is not { } type)
        {
            return (null, $"{nas.Source} has type '{nas.Type}', which the proxy cannot act on");
        }

        DatabaseMapping mapping = await type.FromDatabaseAsync(nas, nasIdentifier, nasIp, connection, ct);
        return mapping.Settings is not { } settings
            ? (null, mapping.Problem)
            : (new NasTarget
            {
                Name = string.IsNullOrEmpty(nas.Name) ? nas.Source : nas.Name,
                Type = type.Name,
                NasIdentifier = string.IsNullOrEmpty(nasIdentifier) ? null : nasIdentifier,
                Addresses = nasIp is null ? [] : [nasIp],
                Settings = settings,
                Source = nas.Source,
            }, null);
    }

    private sealed record CacheEntry(NasTarget? Target, long ExpiresAt);
}
