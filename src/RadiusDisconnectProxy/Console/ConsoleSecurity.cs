using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// What every console request passes before its endpoint: security headers on every answer; the cross-site check on
/// every state-changing call; the session check on every <c>/api/*</c> call but login.
/// </summary>
/// <remarks>
/// Cross-site protection (docs/console.md, "Security"): a state-changing call must carry <c>X-Requested-With</c>, which a
/// cross-site form or a simple cross-origin fetch cannot send without a CORS preflight (this server answers none), and
/// its <c>Origin</c> and <c>Sec-Fetch-Site</c>, when the browser sends them, must say same-origin. The SameSite=Strict
/// cookie is a third, independent layer.
/// </remarks>
internal sealed class ConsoleSecurity(ConsoleSessions sessions, ILogger logger)
{
    public const string UserItem = "rdp.console.user";
    public const string TokenItem = "rdp.console.token";
    public const string CsrfHeader = "X-Requested-With";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";

        HttpRequest request = context.Request;
        bool changesState = !HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method);
        if (changesState && !IsSameOrigin(request))
        {
            ConsoleLog.CrossSiteRefused(logger, request.Method, request.Path.Value ?? "", Address(context),
                request.Headers.Origin.FirstOrDefault() ?? "-");
            await ConsoleApi.ErrorAsync(context, StatusCodes.Status403Forbidden, $"cross-site request refused (a state-changing call needs the {CsrfHeader} header and a same-origin Origin)");
            return;
        }

        if (request.Path.StartsWithSegments("/api", StringComparison.Ordinal) && !request.Path.Equals("/api/login", StringComparison.Ordinal))
        {
            string? token = request.Cookies[ConsoleSessions.CookieName];
            if (sessions.Touch(token) is not { } user)
            {
                await ConsoleApi.ErrorAsync(context, StatusCodes.Status401Unauthorized, "not logged in");
                return;
            }

            context.Items[UserItem] = user;
            context.Items[TokenItem] = token;
        }

        await next(context);
    }

    public static string Address(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "-";

    private static bool IsSameOrigin(HttpRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Headers[CsrfHeader]))
        {
            return false;
        }

        // Fetch metadata (sent by current browsers): anything but same-origin (or a user-typed "none") is another site.
        string? site = request.Headers["Sec-Fetch-Site"].FirstOrDefault();
        if (site is not null && site is not ("same-origin" or "none"))
        {
            return false;
        }

        string? origin = request.Headers.Origin.FirstOrDefault();
        return origin is null || string.Equals(origin, $"{request.Scheme}://{request.Host.Value}", StringComparison.OrdinalIgnoreCase);
    }
}
