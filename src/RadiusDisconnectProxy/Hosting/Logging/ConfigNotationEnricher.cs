using RadiusDisconnectProxy.Configuration;
using Serilog.Core;
using Serilog.Events;

namespace RadiusDisconnectProxy.Hosting.Logging;

/// <summary>
/// Durations and flags in log fields read as they are written in radius.conf (<c>250ms</c>, <c>5s</c>, <c>yes</c>), not
/// as .NET prints them (<c>00:00:00.2500000</c>, <c>True</c>) — in text and JSON alike.
/// </summary>
internal sealed class ConfigNotationEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        List<LogEventProperty>? replaced = null;
        foreach ((string name, LogEventPropertyValue value) in logEvent.Properties)
        {
            string? text = value is ScalarValue scalar ? scalar.Value switch
            {
                TimeSpan duration => ConfigNotation.Duration(duration),
                bool flag => flag ? "yes" : "no",
                _ => null,
            } : null;
            if (text is not null)
            {
                (replaced ??= []).Add(new LogEventProperty(name, new ScalarValue(text)));
            }
        }

        if (replaced is not null)
        {
            foreach (LogEventProperty property in replaced)
            {
                logEvent.AddOrUpdateProperty(property);
            }
        }
    }
}
