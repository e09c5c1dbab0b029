using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Logging;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>The console's log events (<see cref="EventIds.Console"/>, 7000–7099). Never a password, hash, secret or session token.</summary>
internal static partial class ConsoleLog
{
    [LoggerMessage(EventId = EventIds.Console.Listening, Level = LogLevel.Information, Message = "Web console listening on {Url}")]
    public static partial void Listening(ILogger logger, string url);

    [LoggerMessage(EventId = EventIds.Console.LoggedIn, Level = LogLevel.Information, Message = "Console login by {User} from {Address}")]
    public static partial void LoggedIn(ILogger logger, string user, string address);

    [LoggerMessage(EventId = EventIds.Console.LoginFailed, Level = LogLevel.Warning, Message = "Console login failed for {User} from {Address}")]
    public static partial void LoginFailed(ILogger logger, string user, string address);

    [LoggerMessage(EventId = EventIds.Console.LoginThrottled, Level = LogLevel.Warning, Message = "Console logins from {Address} refused for {RetryAfterSeconds} s after repeated failures")]
    public static partial void LoginThrottled(ILogger logger, string address, int retryAfterSeconds);

    [LoggerMessage(EventId = EventIds.Console.CrossSiteRefused, Level = LogLevel.Warning, Message = "Console refused a cross-site {Method} {Path} from {Address} (origin {Origin})")]
    public static partial void CrossSiteRefused(ILogger logger, string method, string path, string address, string origin);

    [LoggerMessage(EventId = EventIds.Console.Tested, Level = LogLevel.Information, Message = "Console user {User} tested NAS {Nas}: {Result}")]
    public static partial void Tested(ILogger logger, string user, string nas, string result);

    [LoggerMessage(EventId = EventIds.Console.RequestFailed, Level = LogLevel.Error, Message = "Web console request {Method} {Path} failed")]
    public static partial void RequestFailed(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(EventId = EventIds.Console.LoggedOut, Level = LogLevel.Information, Message = "Console logout by {User}")]
    public static partial void LoggedOut(ILogger logger, string user);
}
