using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;

namespace RadiusDisconnectProxy.Hosting.Logging;

/// <summary>
/// One readable line per event: <c>14:02:11.250 WRN Source: message</c>. Under journald the time is left to the journal
/// and every line (also those of an exception) starts with its syslog priority, <c>&lt;4&gt;</c>, as sd-daemon(3)
/// describes, so <c>journalctl -p warning</c> finds warnings and errors.
/// </summary>
internal sealed class TextLogFormatter(bool journald) : ITextFormatter
{
    public void Format(LogEvent logEvent, TextWriter output)
    {
        string prefix = journald
            ? $"<{SyslogPriority(logEvent.Level)}>"
            : logEvent.Timestamp.ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture) + Abbreviation(logEvent.Level) + " ";
        output.Write(prefix);
        if (MessageRenderer.SourceContext(logEvent) is { } source)
        {
            output.Write(source);
            output.Write(": ");
        }

        MessageRenderer.Render(logEvent, output);
        output.Write('\n');
        if (logEvent.Exception is { } exception)
        {
            foreach (string line in exception.ToString().Split('\n'))
            {
                if (journald)
                {
                    output.Write(prefix);
                }

                output.Write(line.TrimEnd('\r'));
                output.Write('\n');
            }
        }
    }

    /// <summary>RFC 5424 §6.2.1 severities, as sd-daemon(3) prefixes use them.</summary>
    public static int SyslogPriority(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose or LogEventLevel.Debug => 7,
        LogEventLevel.Information => 6,
        LogEventLevel.Warning => 4,
        LogEventLevel.Error => 3,
        _ => 2,
    };

    private static string Abbreviation(LogEventLevel level) => level switch
    {
        LogEventLevel.Verbose => "VRB",
        LogEventLevel.Debug => "DBG",
        LogEventLevel.Information => "INF",
        LogEventLevel.Warning => "WRN",
        LogEventLevel.Error => "ERR",
        _ => "FTL",
    };
}
