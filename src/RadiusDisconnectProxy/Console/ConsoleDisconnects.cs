using System.Buffers.Binary;
using System.Net;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Disconnects asked for in the console. Each becomes a Disconnect-Request (<see cref="ConsoleRequestBuilder"/>) run by
/// the same <see cref="RequestExecutor"/> as a DAC's request — routing, the session database, the NAS type's driver,
/// deadlines, metrics — and is audited like one, with <c>console:&lt;user&gt;</c> as its source.
/// </summary>
internal sealed class ConsoleDisconnects(RequestExecutor executor, AuditLog audit, IConsoleNasOperations nases, TimeProvider time,
    ISessionDirectory? directory = null)
{
    /// <summary>One session (or every session matching the keys) on one NAS.</summary>
    public async Task<KickOutcome> KickAsync(ConsoleNas nas, KickSelector selector, string consoleUser, IPEndPoint browser, CancellationToken cancellationToken)
    {
        SessionKeys keys;
        if (selector.Id is { } id)
        {
            SessionListResult list = await nases.ListSessionsAsync(nas, cancellationToken);
            if (!list.Ok)
            {
                return Record(Nak(ErrorCause.ResourcesUnavailable, $"cannot list the sessions to find {id}: {list.Error}", nas.Name), consoleUser, browser, null, 0, 0);
            }

            ConsoleSession? session = list.Sessions.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
            if (session is null)
            {
                return Record(Nak(ErrorCause.SessionContextNotFound, $"no session {id} on {nas.Name}", nas.Name), consoleUser, browser, null, 0, 0);
            }

            keys = session.Keys;
        }
        else
        {
            keys = new SessionKeys { UserName = selector.User, CallingStationId = selector.Mac, FramedIpAddress = selector.Ip };
        }

        return await ExecuteAsync(ConsoleRequestBuilder.Disconnect(keys, nas.Target, consoleUser, browser, time), consoleUser, browser);
    }

    /// <summary>
    /// Every session of <paramref name="user"/>: with the session database, the request is routed by radacct exactly as a
    /// DAC's User-Name-only request is (one driver call per session); without it, each NAS whose sessions can be listed
    /// is asked, and the user is disconnected on those that have them.
    /// </summary>
    public async Task<KickOutcome> KickEverywhereAsync(string user, string consoleUser, IPEndPoint browser, CancellationToken cancellationToken)
    {
        var keys = new SessionKeys { UserName = user };
        if (directory is not null)
        {
            return await ExecuteAsync(ConsoleRequestBuilder.Disconnect(keys, null, consoleUser, browser, time), consoleUser, browser);
        }

        var listable = nases.Nases.Where(n => n.SessionSource is not null).ToList();
        SessionListResult[] lists = await Task.WhenAll(listable.Select(n => nases.ListSessionsAsync(n, cancellationToken)));
        var outcomes = new List<KickOutcome>();
        var unreachable = new List<string>();
        for (int i = 0; i < listable.Count; i++)
        {
            if (!lists[i].Ok)
            {
                unreachable.Add(listable[i].Name);
            }
            else if (lists[i].Sessions.Any(s => string.Equals(s.User, user, StringComparison.Ordinal)))
            {
                outcomes.Add(await ExecuteAsync(ConsoleRequestBuilder.Disconnect(keys, listable[i].Target, consoleUser, browser, time), consoleUser, browser));
            }
        }

        string skipped = unreachable.Count == 0 ? "" : $"; could not list {string.Join(", ", unreachable)}";
        if (outcomes.Count == 0)
        {
            return unreachable.Count == 0
                ? Record(Nak(ErrorCause.SessionContextNotFound, $"no NAS lists a session of {user}", null), consoleUser, browser, keys, 0, 0)
                : Record(Nak(ErrorCause.ResourcesUnavailable, $"no session of {user} found{skipped}", null), consoleUser, browser, keys, 0, 0);
        }

        KickOutcome? failed = outcomes.FirstOrDefault(o => !o.IsAck);
        string nasNames = string.Join(',', outcomes.Select(o => o.Nas));
        string detail = string.Join("; ", outcomes.Select(o => $"{o.Nas}: {(o.IsAck ? "ACK" : "NAK " + (uint?)o.ErrorCause)} {o.Detail}".TrimEnd())) + skipped;
        return failed is null
            ? new KickOutcome(true, null, detail, nasNames)
            : new KickOutcome(false, failed.ErrorCause, detail, nasNames);
    }

    private async Task<KickOutcome> ExecuteAsync(DynamicAuthorizationRequest request, string consoleUser, IPEndPoint browser)
    {
        long start = time.GetTimestamp();
        ExecutionOutcome outcome;
        try
        {
            outcome = await executor.ExecuteAsync(request);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The executor never throws by contract; should it, the operator still gets an answer, as a DAC would.
            outcome = new ExecutionOutcome(DriverResult.Nak(ErrorCause.ResourcesUnavailable, "internal error"), null);
        }

        ErrorCause? cause = outcome.Result.ErrorCause ?? RelayedErrorCause(outcome.Result.RelayedAttributes);
        var result = new KickOutcome(outcome.Result.IsAck, cause, outcome.Result.Detail, outcome.Nas);
        return Record(result, consoleUser, browser, request.Keys, request.Packet.Span[1], start);
    }

    private KickOutcome Record(KickOutcome outcome, string consoleUser, IPEndPoint browser, SessionKeys? keys, byte identifier, long start)
    {
        TimeSpan latency = start == 0 ? TimeSpan.Zero : time.GetElapsedTime(start);
        audit.Write(new AuditEvent(time.GetUtcNow(), ConsoleRequestBuilder.ConsoleClientName(consoleUser), browser, RadiusCode.DisconnectRequest,
            identifier, keys, outcome.Nas, outcome.IsAck, outcome.ErrorCause, latency, outcome.Detail));
        return outcome;
    }

    private static KickOutcome Nak(ErrorCause cause, string detail, string? nas) => new(false, cause, detail, nas);

    /// <summary>The Error-Cause in a forwarding NAS's relayed answer attributes (type, length, value; RFC 2865 §5).</summary>
    private static ErrorCause? RelayedErrorCause(byte[]? attributes)
    {
        ReadOnlySpan<byte> span = attributes;
        while (span.Length >= 2 && span[1] >= 2 && span[1] <= span.Length)
        {
            if (span[0] == RadiusAttributeType.ErrorCause && span[1] == 6)
            {
                return (ErrorCause)BinaryPrimitives.ReadUInt32BigEndian(span[2..6]);
            }

            span = span[span[1]..];
        }

        return null;
    }
}

/// <summary>Exactly one of the four, as in <c>POST /api/nases/{name}/kick</c>.</summary>
internal sealed record KickSelector(string? User, string? Mac, IPAddress? Ip, string? Id);

internal sealed record KickOutcome(bool IsAck, ErrorCause? ErrorCause, string? Detail, string? Nas);
