using System.Globalization;
using Serilog.Events;
using Serilog.Parsing;

namespace RadiusDisconnectProxy.Hosting.Logging;

/// <summary>
/// Renders a message template with its values the way an operator reads it: strings without quotes (Serilog's
/// <c>:l</c>), everything else in its invariant text form.
/// </summary>
internal static class MessageRenderer
{
    public static void Render(LogEvent logEvent, TextWriter output)
    {
        foreach (MessageTemplateToken token in logEvent.MessageTemplate.Tokens)
        {
            switch (token)
            {
                case TextToken text:
                    output.Write(text.Text);
                    break;
                case PropertyToken property when logEvent.Properties.TryGetValue(property.PropertyName, out LogEventPropertyValue? value):
                    if (value is ScalarValue { Value: string s })
                    {
                        output.Write(s);
                    }
                    else
                    {
                        value.Render(output, property.Format, CultureInfo.InvariantCulture);
                    }

                    break;
                default:
                    output.Write(token.ToString());
                    break;
            }
        }
    }

    public static string Render(LogEvent logEvent)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        Render(logEvent, writer);
        return writer.ToString();
    }

    public static string? SourceContext(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out LogEventPropertyValue? value) && value is ScalarValue { Value: string s } ? s : null;
}
