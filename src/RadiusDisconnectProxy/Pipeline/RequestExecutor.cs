using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Metrics;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>
/// Runs an accepted request on the NAS(es) its <see cref="RequestRouter"/> route names, each under its type's deadline
/// (docs/contracts.md, "Routing with and without the database"). Knows NAS types only through <see cref="NasTypes"/>.
/// Never throws: every failure becomes a NAK with the Error-Cause of docs/contracts.md.
/// </summary>
internal sealed class RequestExecutor
{
    /// <summary>Service-Type Authorize-Only (RFC 5176 §3.2).</summary>
    private const uint AuthorizeOnly = 17;

    private readonly RequestRouter _router;
    private readonly NasTypes _types;
    private readonly RadiusDesk.IDisconnectVerifier? _verifier;
    private readonly Dictionary<string, INasDriver> _drivers;
    private readonly ProxyMetrics _metrics;
    private readonly PipelineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationToken _aborted;
    private readonly DriverDeadlines _deadlines;

    public RequestExecutor(RequestRouter router, NasTypes types, IEnumerable<INasDriver> drivers, ProxyMetrics metrics,
        PipelineOptions options, TimeProvider time, ILogger logger, DriverAbort abort, RadiusDesk.IDisconnectVerifier? verifier = null)
    {
        _router = router;
        _types = types;
        _verifier = verifier;
        _drivers = new Dictionary<string, INasDriver>(StringComparer.Ordinal);
        foreach (INasDriver driver in drivers)
        {
            _drivers.TryAdd(driver.Type, driver);
        }

        _metrics = metrics;
        _options = options;
        _time = time;
        _logger = logger;
        _aborted = abort.Token;
        _deadlines = new DriverDeadlines(time, _aborted, FinishCall);
    }

    public ValueTask<ExecutionOutcome> ExecuteAsync(DynamicAuthorizationRequest request) =>
        _router.UsesDirectory
            ? ExecuteWithDirectoryAsync(request)
            : ExecuteRouteAsync(request, _router.ByConfig(request.Keys, RouteStatus.NoNas));

    private async ValueTask<ExecutionOutcome> ExecuteWithDirectoryAsync(DynamicAuthorizationRequest request)
    {
        Route route;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
            deadline.CancelAfter(_options.DriverTimeout);
            route = await _router.ByDirectoryAsync(request.Keys, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            PipelineLog.DirectoryFailed(_logger, ex);
            route = new Route(RouteStatus.DirectoryUnavailable, null, null);
        }

        ExecutionOutcome outcome = await ExecuteRouteAsync(request, route).ConfigureAwait(false);
        return route.Sessions is { } sessions && outcome.Result.IsAck && request.IsDisconnect && _verifier is { IsEnabled: true }
            ? await VerifyStoppedAsync(outcome, sessions, _verifier).ConfigureAwait(false)
            : outcome;
    }

    private ValueTask<ExecutionOutcome> ExecuteRouteAsync(DynamicAuthorizationRequest request, Route route) => route.Status switch
    {
        RouteStatus.Nas => ExecuteOnAsync(request, route.Nas!),
        RouteStatus.Sessions when route.Sessions!.Count == 1 => ExecuteOnSessionAsync(request, route.Sessions[0]),
        RouteStatus.Sessions => FanOutAsync(request, route.Sessions!),
        RouteStatus.NoSession => Refuse(ErrorCause.SessionContextNotFound, "no active session matches"),
        RouteStatus.DirectoryUnavailable => Refuse(ErrorCause.ResourcesUnavailable, "session database unavailable"),
        _ => Refuse(ErrorCause.RequestNotRoutable, "no NAS matches the request"),
    };

    private static ValueTask<ExecutionOutcome> Refuse(ErrorCause cause, string detail) =>
        ValueTask.FromResult(new ExecutionOutcome(DriverResult.Nak(cause, detail), null));

    private ValueTask<ExecutionOutcome> ExecuteOnSessionAsync(DynamicAuthorizationRequest request, ResolvedSession session) =>
        session.Nas is null
            ? ValueTask.FromResult(new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, "the session's NAS is unknown"), null))
            : ExecuteOnAsync(request with { Keys = Overlay(request.Keys, session.Keys) }, session.Nas);

    /// <summary>
    /// <c>verify = accounting</c>: the ACK stands only once radacct shows every session stopped (docs/radiusdesk.md); else
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

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_aborted);
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
            calls[i] = ExecuteOnSessionAsync(request, sessions[i]).AsTask();
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
        if (_types.Find(nas.Type) is not { } type || !_drivers.TryGetValue(type.Name, out INasDriver? driver))
        {
            PipelineLog.NoDriver(_logger, nas.Name, nas.Type);
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.RequestNotRoutable, $"no driver for type {nas.Type}"), nas.Name);
        }

        // RFC 5176 §3.5: a NAS that does not support this kind of request answers Unsupported-Extension (406).
        if (!type.Can(request.IsDisconnect ? NasCapabilities.Disconnect : NasCapabilities.Coa))
        {
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.UnsupportedExtension,
                $"type {type.Name} does not support {(request.IsDisconnect ? "Disconnect" : "CoA")}-Requests"), nas.Name);
        }

        // RFC 5176 §3.2: Authorize-Only is a RADIUS-server matter; only a NAS that speaks RADIUS can act on it.
        if (!request.IsDisconnect && request.ServiceType == AuthorizeOnly && !type.Can(NasCapabilities.AuthorizeOnly))
        {
            return new ExecutionOutcome(DriverResult.Nak(ErrorCause.UnsupportedService, "Authorize-Only needs an RFC 5176 NAS"), nas.Name);
        }

        NasMetrics metrics = _metrics.ForNas(nas.Name);
        (request.IsDisconnect ? metrics.DisconRequests : metrics.CoaRequests).Inc();
        DriverResult result = type.BoundsItself(nas.Settings)
            ? await CallSelfBoundedAsync(driver, type, request, nas, metrics).ConfigureAwait(false)
            : await CallUnderDeadlineAsync(driver, type.Deadline(nas.Settings, _options.DriverTimeout), request, nas, metrics).ConfigureAwait(false);
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

    /// <summary>
    /// A driver that ends every request by its own timers before its deadline could fire, and honours cancellation
    /// (<see cref="NasType.BoundsItself"/>), needs no per-request deadline (a linked token source, a timer and a
    /// WaitAsync timer per request), only the shutdown abort.
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<DriverResult> CallSelfBoundedAsync(INasDriver driver, NasType type, DynamicAuthorizationRequest request,
        NasTarget nas, NasMetrics metrics)
    {
        try
        {
            return await driver.ExecuteAsync(request, nas, _aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            metrics.Timeouts.Inc();
            PipelineLog.DriverTimedOut(_logger, nas.Type, type.Deadline(nas.Settings, _options.DriverTimeout).TotalMilliseconds, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "shutting down");
        }
        catch (Exception ex)
        {
            PipelineLog.DriverFailed(_logger, ex, nas.Type, nas.Name);
            return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "driver failed");
        }
    }

    /// <summary>
    /// The driver call under its type's deadline: its token is cancelled at the deadline or on shutdown, and the request
    /// does not wait for a driver that ignores that (NAK 506). One pooled <see cref="DriverCall"/> and one shared timer
    /// (<see cref="DriverDeadlines"/>) instead of a linked token source, a timer and a <c>WaitAsync</c> per request, and no
    /// state machine of its own: the call's result is <see cref="FinishCall"/>'s.
    /// </summary>
    private ValueTask<DriverResult> CallUnderDeadlineAsync(INasDriver driver, TimeSpan timeout, DynamicAuthorizationRequest request,
        NasTarget nas, NasMetrics metrics)
    {
        DriverCall call = _deadlines.Start(new DriverCallInfo(nas, metrics, timeout));
        int generation = call.Generation;
        try
        {
            ValueTask<DriverResult> wait = call.Wait(driver.ExecuteAsync(request, nas, call.Token));
            _deadlines.AbortIfShuttingDown(call, generation);
            return wait;
        }
        catch (Exception ex)
        {
            return call.Fail(ex);
        }
    }

    /// <summary>How a driver call ended, as the answer's result: timeouts and failures are NAK 506, logged and counted.</summary>
    private DriverResult FinishCall(in DriverCallResult end, in DriverCallInfo info)
    {
        switch (end.End)
        {
            case DriverCallEnd.Completed:
                return end.Result;
            case DriverCallEnd.Failed when end.Error is not (OperationCanceledException or TimeoutException):
                PipelineLog.DriverFailed(_logger, end.Error!, info.Nas!.Type, info.Nas.Name);
                return DriverResult.Nak(ErrorCause.ResourcesUnavailable, "driver failed");
            default:
                info.Metrics!.Timeouts.Inc();
                PipelineLog.DriverTimedOut(_logger, info.Nas!.Type, info.Timeout.TotalMilliseconds, info.Nas.Name);
                return DriverResult.Nak(ErrorCause.ResourcesUnavailable, _aborted.IsCancellationRequested ? "shutting down" : "driver timed out");
        }
    }

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
        OperatorName = row.OperatorName ?? request.OperatorName,
        RadAcctId = row.RadAcctId,
    };
}
