using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using Serilog.Core;

namespace RadiusDisconnectProxy.Hosting.Reload;

/// <summary>
/// What a SIGHUP reload needs from the command line that started the daemon: how to read the configuration again
/// (same file, RDP__ variables and switches), the log level switch, and a level forced by <c>--log-level</c> / <c>-X</c>
/// (which wins over the file's <c>log { level }</c>).
/// </summary>
public sealed record ReloadSource(Func<ProxyOptions> Load, LoggingLevelSwitch LevelSwitch, LogLevel? ForcedLevel, HangupSignal Hangups);
