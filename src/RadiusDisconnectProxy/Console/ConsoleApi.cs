using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// The console's JSON API (docs/console.md, "API"): login and logout, the NAS list with health, connection test,
/// sessions, disconnects, the answered-request feed and its statistics. Property names are snake_case. Nothing here ever
/// writes a secret: NAS settings are summarised by name, type, identifier and addresses only.
/// </summary>
internal sealed class ConsoleApi(AdminOptions admin, ConsoleSessions sessions, LoginThrottle throttle, IConsoleNasOperations nases,
    ConsoleDisconnects disconnects, RequestFeed feed, ILogger logger)
{
    private const int MaxBodyBytes = 16 * 1024;
    private static readonly JsonSerializerOptions s_json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never,
    };

    private readonly ConcurrentDictionary<string, TestRecord> _tests = new(StringComparer.Ordinal);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/login", LoginAsync);
        app.MapPost("/api/logout", LogoutAsync);
        app.MapGet("/api/nases", ListNasesAsync);
        app.MapPost("/api/nases/{name}/test", TestAsync);
        app.MapGet("/api/nases/{name}/sessions", SessionsAsync);
        app.MapPost("/api/nases/{name}/kick", KickAsync);
        app.MapPost("/api/kick", KickEverywhereAsync);
        app.MapGet("/api/requests", RequestsAsync);
        app.MapGet("/api/stats", StatsAsync);
    }

    public static Task ErrorAsync(HttpContext context, int status, string message) => WriteAsync(context, new { error = message }, status);

    private async Task LoginAsync(HttpContext context)
    {
        IPAddress address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        if (throttle.IsBlocked(address, out TimeSpan retryAfter))
        {
            int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            ConsoleLog.LoginThrottled(logger, address.ToString(), seconds);
            context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ErrorAsync(context, StatusCodes.Status429TooManyRequests, $"too many failed logins from {address}; try again in {seconds} s");
            return;
        }

        using JsonDocument? body = await ReadBodyAsync(context);
        string? user = Text(body, "username");
        string? password = Text(body, "password");
        if (user is null || password is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "send {\"username\": …, \"password\": …}");
            return;
        }

        // Both checks always run, so the answer time does not tell whether the user name was right.
        bool userMatches = CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(user), Encoding.UTF8.GetBytes(admin.Username));
        bool passwordMatches = admin.PasswordHash.Verify(password);
        if (!userMatches || !passwordMatches)
        {
            throttle.Failed(address);
            // A mistyped user name may be a password typed into the wrong field: only the configured name is logged.
            ConsoleLog.LoginFailed(logger, userMatches ? admin.Username : "(another user name)", address.ToString());
            await ErrorAsync(context, StatusCodes.Status401Unauthorized, "wrong user name or password");
            return;
        }

        throttle.Succeeded(address);
        string token = sessions.Create(admin.Username);
        context.Response.Cookies.Append(ConsoleSessions.CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = admin.UsesTls,
            Path = "/",
            MaxAge = ConsoleSessions.MaxLifetime,
            IsEssential = true,
        });
        ConsoleLog.LoggedIn(logger, admin.Username, address.ToString());
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private Task LogoutAsync(HttpContext context)
    {
        sessions.End(context.Items[ConsoleSecurity.TokenItem] as string);
        context.Response.Cookies.Delete(ConsoleSessions.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict, Secure = admin.UsesTls });
        ConsoleLog.LoggedOut(logger, User(context));
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    private Task ListNasesAsync(HttpContext context) =>
        WriteAsync(context, nases.Nases.Select(n => new
        {
            name = n.Name,
            type = n.Target.Type,
            nasidentifier = n.Target.NasIdentifier,
            addresses = n.Target.Addresses.Select(a => a.ToString()).ToArray(),
            source = n.Target.Source,
            can_test = n.CanTest,
            sessions = n.SessionSource,
            health = Health(n),
        }).ToArray());

    private async Task TestAsync(HttpContext context, string name)
    {
        if (await FindAsync(context, name) is not { } nas)
        {
            return;
        }

        if (!nas.CanTest)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"NAS {nas.Name} (type {nas.Target.Type}) has no connection test");
            return;
        }

        ConnectionTestResult result = await nases.TestAsync(nas, context.RequestAborted);
        _tests[nas.Name] = new TestRecord(DateTimeOffset.UtcNow, result.Ok, result.Error);
        ConsoleLog.Tested(logger, User(context), nas.Name, result.Ok ? "ok" : result.Error ?? "failed");
        await WriteAsync(context, new
        {
            ok = result.Ok,
            elapsed_ms = Math.Round(result.Elapsed.TotalMilliseconds, 1),
            properties = result.Properties.Select(p => new { name = p.Key, value = p.Value }).ToArray(),
            error = result.Error,
        });
    }

    private async Task SessionsAsync(HttpContext context, string name)
    {
        if (await FindAsync(context, name) is not { } nas)
        {
            return;
        }

        if (nas.SessionSource is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest,
                $"NAS {nas.Name} (type {nas.Target.Type}) cannot list its sessions; with the radiusdesk database they come from radacct");
            return;
        }

        SessionListResult result = await nases.ListSessionsAsync(nas, context.RequestAborted);
        await WriteAsync(context, new
        {
            ok = result.Ok,
            source = nas.SessionSource,
            error = result.Error,
            sessions = result.Sessions.Select(s => new
            {
                id = s.Id,
                kind = s.Kind,
                user = s.User,
                address = s.Address,
                mac = s.Mac,
                uptime = s.Uptime,
                service = s.Service,
                session_id = s.SessionId,
            }).ToArray(),
        }, result.Ok ? StatusCodes.Status200OK : StatusCodes.Status502BadGateway);
    }

    private async Task KickAsync(HttpContext context, string name)
    {
        if (await FindAsync(context, name) is not { } nas)
        {
            return;
        }

        using JsonDocument? body = await ReadBodyAsync(context);
        string? user = Text(body, "user"), mac = Text(body, "mac"), ip = Text(body, "ip"), id = Text(body, "id");
        IPAddress? address = null;
        if (new[] { user, mac, ip, id }.Count(v => !string.IsNullOrEmpty(v)) != 1)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "send exactly one of {\"user\"}, {\"mac\"}, {\"ip\"}, {\"id\"}");
            return;
        }

        if (!string.IsNullOrEmpty(ip) && !IPAddress.TryParse(ip, out address))
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, $"'{ip}' is not an IP address");
            return;
        }

        KickOutcome outcome = await disconnects.KickAsync(nas, new KickSelector(Empty(user), Empty(mac), address, Empty(id)), User(context),
            Browser(context), context.RequestAborted);
        await WriteAsync(context, Shape(outcome));
    }

    private async Task KickEverywhereAsync(HttpContext context)
    {
        using JsonDocument? body = await ReadBodyAsync(context);
        if (Text(body, "user") is not { Length: > 0 } user)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, "send {\"user\": …}");
            return;
        }

        KickOutcome outcome = await disconnects.KickEverywhereAsync(user, User(context), Browser(context), context.RequestAborted);
        await WriteAsync(context, Shape(outcome));
    }

    private Task RequestsAsync(HttpContext context)
    {
        int limit = int.TryParse(context.Request.Query["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            ? Math.Clamp(n, 1, RequestFeed.Capacity)
            : 100;
        return WriteAsync(context, feed.Newest(limit).Select(e => new
        {
            time = e.Time,
            source = e.Client,
            address = e.ClientEndPoint.Address.ToString(),
            code = e.Code.ToString(),
            identifier = e.Identifier,
            nas = e.Nas,
            user = e.Keys?.UserName,
            session_id = e.Keys?.AcctSessionId,
            mac = e.Keys?.CallingStationId,
            ip = e.Keys?.FramedIpAddress?.ToString(),
            result = e.IsAck ? "ack" : "nak",
            error_cause = (uint?)e.ErrorCause,
            error_cause_name = ErrorCauseNames.Of(e.ErrorCause),
            latency_ms = Math.Round(e.Latency.TotalMilliseconds, 3),
            detail = e.Detail,
        }).ToArray());
    }

    private Task StatsAsync(HttpContext context)
    {
        FeedStatistics stats = feed.Statistics();
        return WriteAsync(context, new
        {
            window_minutes = stats.Minutes.Count,
            total = stats.Minutes.Sum(m => m.Requests),
            latency_ms = new { p50 = stats.P50Ms, p90 = stats.P90Ms, p99 = stats.P99Ms },
            minutes = stats.Minutes.Select(m => new
            {
                time = m.Time,
                requests = m.Requests,
                acks = m.Acks,
                naks = m.Requests - m.Acks,
                p50_ms = m.P50Ms,
                p90_ms = m.P90Ms,
                p99_ms = m.P99Ms,
            }).ToArray(),
            results = stats.Results.Select(r => new
            {
                result = r.IsAck ? "ack" : "nak",
                error_cause = (uint?)r.ErrorCause,
                error_cause_name = ErrorCauseNames.Of(r.ErrorCause),
                count = r.Count,
            }).ToArray(),
        });
    }

    private object Health(ConsoleNas nas)
    {
        NasActivitySnapshot? activity = feed.Activity(nas.Name);
        _tests.TryGetValue(nas.Name, out TestRecord? test);
        // A NAS is down when the latest thing that reached it failed to: a failed test, or a request answered 505/506
        // (unreachable or timed out). Session-level NAKs (503 no such session, …) mean the NAS answered.
        bool requestIsNewer = activity is not null && (test is null || activity.LastTime > test.Time);
        string state = requestIsNewer
            ? activity!.LastIsAck || activity.LastErrorCause is not (ErrorCause.ResourcesUnavailable or ErrorCause.OtherProxyProcessingError) ? "up" : "down"
            : test is null ? "unknown" : test.Ok ? "up" : "down";
        return new
        {
            state,
            last_test = test is null ? null : new { time = test.Time, ok = test.Ok, error = test.Error },
            last_request = activity is null ? null : new
            {
                time = activity.LastTime,
                result = activity.LastIsAck ? "ack" : "nak",
                error_cause = (uint?)activity.LastErrorCause,
                error_cause_name = ErrorCauseNames.Of(activity.LastErrorCause),
            },
            acks = activity?.Acks ?? 0,
            naks = activity?.Naks ?? 0,
        };
    }

    private static object Shape(KickOutcome outcome) => new
    {
        result = outcome.IsAck ? "ack" : "nak",
        error_cause = (uint?)outcome.ErrorCause,
        error_cause_name = ErrorCauseNames.Of(outcome.ErrorCause),
        detail = outcome.Detail,
        nas = outcome.Nas,
    };

    private async Task<ConsoleNas?> FindAsync(HttpContext context, string name)
    {
        ConsoleNas? nas = nases.Nases.FirstOrDefault(n => string.Equals(n.Name, name, StringComparison.Ordinal));
        if (nas is null)
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, $"no NAS named '{name}'");
        }

        return nas;
    }

    private static string User(HttpContext context) => context.Items[ConsoleSecurity.UserItem] as string ?? "?";

    private static IPEndPoint Browser(HttpContext context) =>
        new(context.Connection.RemoteIpAddress ?? IPAddress.None, context.Connection.RemotePort);

    private static string? Empty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string? Text(JsonDocument? body, string name) =>
        body?.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty(name, out JsonElement value)
            && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static async Task<JsonDocument?> ReadBodyAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            return buffer.Length is 0 or > MaxBodyBytes ? null : JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task WriteAsync<T>(HttpContext context, T value, int status = StatusCodes.Status200OK)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await JsonSerializer.SerializeAsync(context.Response.Body, value, s_json, context.RequestAborted);
    }

    private sealed record TestRecord(DateTimeOffset Time, bool Ok, string? Error);
}
