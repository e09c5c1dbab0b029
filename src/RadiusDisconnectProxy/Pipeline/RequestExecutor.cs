using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Routes an accepted request to its NAS(es) and runs the driver(s) under a deadline (docs/contracts.md, "Routing with
/// and without the database"). Never throws: every failure becomes a NAK with the Error-Cause of DESIGN.md §6.
/// </summary>
internal sealed class RequestExecutor
{
    private const uint AuthorizeOnly = 17;
    private const string ForwardingType = "other";

    private readonly NasRegistry _registry;
    private readonly ISessionDirectory? _directory;
    private readonly RadiusDesk.IDisconnectVerifier? _verifier;
    private readonly FrozenDictionary<string, INasDriver> _drivers;
    private readonly ProxyMetrics _metrics;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public RequestExecutor(NasRegistry registry, IEnumerable<INasDriver> drivers, ProxyMetrics metrics, PipelineOptions options,
        TimeProvider time, ILogger logger, ISessionDirectory? directory = null, RadiusDesk.IDisconnectVerifier? verifier = null)
    {
        _registry = registry;
        _directory = directory;
        _verifier = verifier;
        _drivers = drivers.GroupBy(d => d.Type, StringComparer.Ordinal).ToFrozenDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>Cancelled when the host gives up waiting at shutdown: drivers then stop and the request gets NAK 506.</summary>
    public CancellationToken Aborted { get; set; }

    public ValueTask<ExecutionOutcome> ExecuteAsync(DynamicAuthorizationRequest request)
    {
        if (_directory is null)
        {
            SessionKeys keys = request.Keys;
            return _registry.TryFind(keys.NasIdentifier, keys.NasIpAddress, keys.NasIpv6Address, out NasTarget nas)
                ? ExecuteOnAsync(request, nas)
                : ValueTask.FromResult(new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, "no NAS matches the request"), null));
        }

        return ExecuteWithDirectoryAsync(request, _directory);
    }

    private async ValueTask<ExecutionOutcome> ExecuteWithDirectoryAsync(DynamicAuthorizationRequest request, ISessionDirectory directory)
    {
        SessionLookupResult lookup;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
            deadline.CancelAfter(_options.DriverTimeout);
            lookup = await directory.FindSessionsAsync(request.Keys, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PipelineLog.DirectoryFailed(_logger, ex);
            lookup = SessionLookupResult.Unavailable;
        }

        if (lookup.Status == SessionLookupStatus.Unavailable)
        {
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.ResourcesUnavailable, "session database unavailable"), null);
        }

        if (lookup.Sessions.Count == 0)
        {
            SessionKeys keys = request.Keys;
            return _registry.TryFind(keys.NasIdentifier, keys.NasIpAddress, keys.NasIpv6Address, out NasTarget nas)
                ? await ExecuteOnAsync(request, nas).ConfigureAwait(false)
                : new ExecutionOutcome(DriverResult.Nak(ErrorCause.SessionContextNotFound, "no active session matches"), null);
        }

        ExecutionOutcome outcome;
        if (lookup.Sessions.Count == 1)
        {
            ResolvedSession only = lookup.Sessions[0];
            outcome = only.Nas is null
                ? new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, "the session's NAS is unknown"), null)
                : await ExecuteOnAsync(request with { Keys = Overlay(request.Keys, only.Keys) }, only.Nas).ConfigureAwait(false);
        }
        else
        {
            outcome = await FanOutAsync(request, lookup.Sessions).ConfigureAwait(false);
        }

        return outcome.Result.IsAck && request.IsDisconnect && _verifier is not null
            ? await VerifyStoppedAsync(outcome, lookup.Sessions, _verifier).ConfigureAwait(false)
            : outcome;
    }

    /// <summary>
    /// <c>verify = accounting</c>: the ACK stands only once radacct shows every session stopped (DESIGN.md §8); else
    /// Disconnect-NAK 504, since the NAS accepted the command but the session is demonstrably still there.
    /// </summary>
    private async ValueTask<ExecutionOutcome> VerifyStoppedAsync(ExecutionOutcome outcome, IReadOnlyList<ResolvedSession> sessions,
        RadiusDesk.IDisconnectVerifier verifier)
    {
        var ids = new List<long>(sessions.Count);
        foreach (ResolvedSession session in sessions)
        {
            if (session.Keys.RadAcctId is long id)
            {
                ids.Add(id);
            }
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
        deadline.CancelAfter(_options.DriverTimeout);
        bool stopped;
        try
        {
            stopped = await verifier.WaitUntilStoppedAsync(ids, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PipelineLog.DirectoryFailed(_logger, ex);
            stopped = false;
        }

        return stopped
            ? outcome
            : new ExecutionOutcome(DriverResult.Nak(ErrorCause.SessionContextNotRemovable,
                $"{outcome.Result.Detail}; accounting still shows the session open".TrimStart(';', ' ')), outcome.Nas);
    }

    /// <summary>Several sessions: one driver call each, concurrently; all ACK → ACK, else the first failure's NAK.</summary>
    private async ValueTask<ExecutionOutcome> FanOutAsync(DynamicAuthorizationRequest request, IReadOnlyList<ResolvedSession> sessions)
    {
        var calls = new Task<ExecutionOutcome>[sessions.Count];
        for (int i = 0; i < sessions.Count; i++)
        {
            ResolvedSession session = sessions[i];
            calls[i] = session.Nas is null
                ? Task.FromResult(new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, "the session's NAS is unknown"), null))
                : ExecuteOnAsync(request with { Keys = Overlay(request.Keys, session.Keys) }, session.Nas).AsTask();
        }

        ExecutionOutcome[] outcomes = await Task.WhenAll(calls).ConfigureAwait(false);
        string nases = string.Join(',', outcomes.Select(o => o.Nas ?? "?").Distinct(StringComparer.Ordinal));
        string detail = string.Join("; ", outcomes.Select((o, i) => $"session {i + 1}: {(o.Result.IsAck ? "ACK" : "NAK " + (uint?)o.Result.ErrorCause)} {o.Result.Detail}".TrimEnd()));
        foreach (ExecutionOutcome outcome in outcomes)
        {
            if (!outcome.Result.IsAck)
            {
                return new ExecutionOutcome(DriverResult.Nak(outcome.Result.ErrorCause ?? ErrorCause.OtherProxyProcessingError, detail), nases);
            }
        }

        return new ExecutionOutcome(DriverResult.Ack(detail), nases);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<ExecutionOutcome> ExecuteOnAsync(DynamicAuthorizationRequest request, NasTarget nas)
    {
        // RFC 5176 §3.2: Authorize-Only is a RADIUS-server matter; only a real RFC 5176 NAS can act on it.
        if (!request.IsDisconnect && request.ServiceType == AuthorizeOnly && !string.Equals(nas.Type, ForwardingType, StringComparison.Ordinal))
        {
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.UnsupportedService, "Authorize-Only needs an RFC 5176 NAS"), nas.Name);
        }

        if (!_drivers.TryGetValue(nas.Type, out INasDriver? driver))
        {
            PipelineLog.NoDriver(_logger, nas.Name, nas.Type);
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, $"no driver for type {nas.Type}"), nas.Name);
        }

        NasMetrics metrics = _metrics.ForNas(nas.Name);
        (request.IsDisconnect ? metrics.DisconRequests : metrics.CoaRequests).Inc();
        DriverResult result = await CallAsync(driver, request, nas, metrics).ConfigureAwait(false);
        if (result.IsAck)
        {
            (request.IsDisconnect ? metrics.DisconAcks : metrics.CoaAcks).Inc();
        }
        else
        {
            metrics.Nak(request.IsDisconnect, result.ErrorCause);
        }

        return new ExecutionOutcome(result, nas.Name);
    }

    private ValueTask<DriverResult> CallAsync(INasDriver driver, DynamicAuthorizationRequest request, NasTarget nas, NasMetrics metrics) =>
        driver is ForwardingDriver && nas.Settings is ForwardingNasSettings { Timers.Mrd: var mrd } && mrd > TimeSpan.Zero
            ? CallSelfBoundedAsync(driver, request, nas, metrics)
            : CallUnderDeadlineAsync(driver, request, nas, metrics);

    /// <summary>
    /// The forwarder ends every request by its own MRD (RFC 5080 §2.2.1), before the deadline of
    /// <see cref="CallUnderDeadlineAsync"/> (at least MRD + 5 s) could fire, and it honours cancellation: so it needs no
    /// per-request deadline (a linked token source, a timer and a WaitAsync timer per request), only the shutdown abort.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<DriverResult> CallSelfBoundedAsync(INasDriver driver, DynamicAuthorizationRequest request, NasTarget nas, NasMetrics metrics)
    {
        try
        {
            return await driver.ExecuteAsync(request, nas, Aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            metrics.Timeouts.Inc();
            PipelineLog.DriverTimedOut(_logger, nas.Type, DeadlineFor(nas).TotalMilliseconds, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "shutting down");
        }
        catch (Exception ex)
        {
            PipelineLog.DriverFailed(_logger, ex, nas.Type, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "driver failed");
        }
    }

    private async ValueTask<DriverResult> CallUnderDeadlineAsync(INasDriver driver, DynamicAuthorizationRequest request, NasTarget nas, NasMetrics metrics)
    {
        TimeSpan timeout = DeadlineFor(nas);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Aborted);
        deadline.CancelAfter(timeout);
        try
        {
            ValueTask<DriverResult> call = driver.ExecuteAsync(request, nas, deadline.Token);
            return call.IsCompleted
                ? call.Result
                : await call.AsTask().WaitAsync(timeout, _time, Aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            metrics.Timeouts.Inc();
            PipelineLog.DriverTimedOut(_logger, nas.Type, timeout.TotalMilliseconds, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, Aborted.IsCancellationRequested ? "shutting down" : "driver timed out");
        }
        catch (Exception ex)
        {
            PipelineLog.DriverFailed(_logger, ex, nas.Type, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "driver failed");
        }
    }

    private TimeSpan DeadlineFor(NasTarget nas) =>
        nas.Settings is ForwardingNasSettings forwarding && forwarding.Timers.Mrd + TimeSpan.FromSeconds(5) > _options.DriverTimeout
            ? forwarding.Timers.Mrd + TimeSpan.FromSeconds(5)
            : _options.DriverTimeout;

    /// <summary>The request's keys with the radacct row's values laid over them (the database knows the session best).</summary>
    private static SessionKeys Overlay(SessionKeys request, SessionKeys row) => new()
    {
        UserName = row.UserName ?? request.UserName,
        AcctSessionId = row.AcctSessionId ?? request.AcctSessionId,
        AcctMultiSessionId = row.AcctMultiSessionId ?? request.AcctMultiSessionId,
        CallingStationId = row.CallingStationId ?? request.CallingStationId,
        CalledStationId = row.CalledStationId ?? request.CalledStationId,
        FramedIpAddress = row.FramedIpAddress ?? request.FramedIpAddress,
        NasPort = row.NasPort ?? request.NasPort,
        NasPortId = row.NasPortId ?? request.NasPortId,
        ChargeableUserIdentity = row.ChargeableUserIdentity ?? request.ChargeableUserIdentity,
        NasIdentifier = row.NasIdentifier ?? request.NasIdentifier,
        NasIpAddress = row.NasIpAddress ?? request.NasIpAddress,
        NasIpv6Address = row.NasIpv6Address ?? request.NasIpv6Address,
        RadAcctId = row.RadAcctId,
    };
}
