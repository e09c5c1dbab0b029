using System.Globalization;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Json;

namespace RadiusDisconnectProxy.Hosting.Logging;

/// <summary>
/// <c>log { format = json }</c>: one object per line in the compact layout (<c>@t</c>, <c>@l</c>, <c>@m</c> the rendered
/// message, <c>@x</c> the exception) followed by every structured field.
/// </summary>
internal sealed class JsonLogFormatter : ITextFormatter
{
    private readonly JsonValueFormatter _values = new(typeTagName: null);

    public void Format(LogEvent logEvent, TextWriter output)
    {
        output.Write("{\"@t\":\"");
        output.Write(logEvent.Timestamp.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        output.Write("\",\"@l\":\"");
        output.Write(logEvent.Level.ToString());
        output.Write("\",\"@m\":");
        JsonValueFormatter.WriteQuotedJsonString(MessageRenderer.Render(logEvent), output);
        if (logEvent.Exception is { } exception)
        {
            output.Write(",\"@x\":");
            JsonValueFormatter.WriteQuotedJsonString(exception.ToString(), output);
        }

        foreach ((string name, LogEventPropertyValue value) in logEvent.Properties)
        {
            output.Write(',');
            JsonValueFormatter.WriteQuotedJsonString(name, output);
            output.Write(':');
            _values.Format(value, output);
        }

        output.Write("}\n");
    }
}
