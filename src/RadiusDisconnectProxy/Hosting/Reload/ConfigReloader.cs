using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting.Logging;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.RadSec;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Hosting.Reload;

/// <summary>
/// SIGHUP / <c>systemctl reload</c> (docs/operations.md, "Reload"): re-reads radius.conf and, when it is valid, swaps
/// the clients (with their secrets and security settings), the NASes and the log level at once. An invalid file is
/// logged with file:line and the running configuration kept; settings bound at start-up are logged as needing a restart.
/// Requests in flight keep the client and NAS they were matched to. Several signals in a row make one reload.
/// </summary>
internal sealed class ConfigReloader(
    ReloadSource source,
    ProxyOptions startup,
    ClientRegistry clients,
    NasRegistry nases,
    ProxyMetrics metrics,
    ILogger<ConfigReloader> logger,
    IEnumerable<IReloadableSection> sections,
    RadSecListener? radSec = null) : BackgroundService
{
    private ProxyOptions _running = startup;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (bool _ in source.Hangups.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
            {
                Reload();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>One reload; never throws (a daemon must survive a bad edit).</summary>
    internal void Reload()
    {
        long start = Stopwatch.GetTimestamp();
        HostLog.Reloading(logger, _running.ConfigPath);
        ProxyOptions next;
        RadSecTls? radSecTls;
        try
        {
            next = source.Load();
            _ = DictionaryLoader.Load(next); // a broken dictionary is rejected as at start-up
            radSecTls = radSec?.Prepare(next); // listen_tls certificate files re-read; unreadable = rejected (docs/radsec.md)
        }
        catch (ConfigurationException e)
        {
            metrics.ConfigReloads.WithLabels("rejected").Inc();
            HostLog.ReloadRejected(logger, e.Message);
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            metrics.ConfigReloads.WithLabels("rejected").Inc();
            HostLog.ReloadRejected(logger, e.Message);
            return;
        }

        foreach (string setting in RestartOnlyChanges(_running, next))
        {
            HostLog.ReloadNeedsRestart(logger, setting);
        }

        foreach (string warning in next.Warnings)
        {
            HostLog.ConfigurationWarning(logger, warning);
        }

        clients.Replace(next.Clients);
        nases.Replace(next.Nases);
        if (radSecTls is not null)
        {
            radSec!.Apply(radSecTls, next.Clients, ShutdownPolicy.ShutdownTimeout(next));
        }

        foreach (IReloadableSection section in sections)
        {
            section.Apply(next); // mqtt, radiusdesk: what they can change live (docs/operations.md, "Reload")
        }

        LogLevel level = source.ForcedLevel ?? next.Log.Level;
        source.LevelSwitch.MinimumLevel = LoggingSetup.ToSerilog(level);
        _running = next;
        metrics.ConfigReloads.WithLabels("applied").Inc();
        HostLog.Reloaded(logger, next.ConfigPath, (long)Stopwatch.GetElapsedTime(start).TotalMilliseconds, next.Clients.Count, next.Nases.Count,
            LoggingSetup.Name(level));
    }

    /// <summary>The settings bound when the daemon started (sockets, broker, database pool, caches) that differ.</summary>
    internal static IEnumerable<string> RestartOnlyChanges(ProxyOptions running, ProxyOptions next)
    {
        if (running.Listen.Port != next.Listen.Port || !running.Listen.Addresses.SequenceEqual(next.Listen.Addresses))
        {
            yield return "listen (addresses or port)";
        }

        if (!Equals(running.MetricsListen, next.MetricsListen))
        {
            yield return "metrics listen";
        }

        if (running.DictionaryDirectory != next.DictionaryDirectory)
        {
            yield return "dictionary dir";
        }

        // The rest of mqtt and radiusdesk applies live (IReloadableSection); these need another service graph or socket.
        if (running.Mqtt.Mode != next.Mqtt.Mode)
        {
            yield return "mqtt mode";
        }
        else if (running.Mqtt.Mode == MqttMode.Embedded && (running.Mqtt.Server != next.Mqtt.Server || running.Mqtt.Port != next.Mqtt.Port
                     || running.Mqtt.TlsCertificate != next.Mqtt.TlsCertificate || running.Mqtt.TlsKey != next.Mqtt.TlsKey))
        {
            yield return "mqtt server, port or tls_certificate/tls_key of the embedded broker";
        }

        if ((running.RadiusDesk is null) != (next.RadiusDesk is null))
        {
            yield return "radiusdesk section (added or removed)";
        }

        if (running.Security.DuplicateCacheSize != next.Security.DuplicateCacheSize || running.Security.MaxPending != next.Security.MaxPending)
        {
            yield return "security duplicate_cache_size / max_pending";
        }

        if (running.AuditEnabled != next.AuditEnabled)
        {
            yield return "audit enabled";
        }

        if (running.Log.Format != next.Log.Format)
        {
            yield return "log format";
        }

        // docs/radsec.md, "Reload": the listen_tls sockets are bound at start; certificates and clients are live.
        if ((running.ListenTls is null) != (next.ListenTls is null))
        {
            yield return next.ListenTls is null ? "listen_tls section (removed; RadSec keeps serving until then)" : "listen_tls section (added)";
        }
        else if (running.ListenTls is { } tls && next.ListenTls is { } nextTls
                 && (tls.Port != nextTls.Port || !tls.Addresses.SequenceEqual(nextTls.Addresses)))
        {
            yield return "listen_tls (addresses or port)";
        }
    }
}
