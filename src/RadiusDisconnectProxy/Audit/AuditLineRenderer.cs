using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Renders audit events straight to UTF-8 in the console log's layout (docs/operations.md, "Audit"): the same message
/// (<see cref="AuditWriter"/>'s template, strings bare, null as <c>null</c>), the same fields in the same order, and the
/// same prefix or JSON envelope as the text and JSON log formatters give the event, without a log event, a property
/// dictionary or template parsing per request. Used by the audit writer's thread only.
/// </summary>
internal sealed class AuditLineRenderer
{
    private readonly AuditLineLayout _layout;
    private readonly Utf8LineBuffer _message = new(1024);
    private readonly byte[]?[] _codeNames = new byte[]?[256];

    public AuditLineRenderer(AuditLineLayout layout) => _layout = layout;

    public Utf8LineBuffer Lines { get; } = new(64 * 1024);

    public void Append(in AuditEntry e)
    {
        Utf8LineBuffer line = Lines;
        RenderMessage(e, _message);
        switch (_layout)
        {
            case AuditLineLayout.Json:
                line.Append("{\"@t\":\""u8);
                line.Append(e.Time.UtcDateTime, "O");
                line.Append("\",\"@l\":\"Information\",\"@m\":\""u8);
                line.AppendJsonEscaped(_message.Written);
                line.Append("\",\"Client\":"u8);
                JsonString(line, e.Client);
                line.Append(",\"ClientAddress\":\""u8);
                _message.Clear();
                _message.Append(e.ClientEndPoint);
                line.AppendJsonEscaped(_message.Written);
                line.Append("\",\"Code\":\""u8);
                line.AppendJsonEscaped(CodeName(e.Code));
                line.Append("\",\"Identifier\":"u8);
                line.Append(e.Identifier);
                line.Append(",\"Nas\":"u8);
                JsonString(line, e.Nas ?? "-");
                line.Append(",\"UserName\":"u8);
                JsonString(line, e.Keys?.UserName);
                line.Append(",\"AcctSessionId\":"u8);
                JsonString(line, e.Keys?.AcctSessionId);
                line.Append(",\"CallingStationId\":"u8);
                JsonString(line, e.Keys?.CallingStationId);
                line.Append(",\"FramedIpAddress\":"u8);
                if (e.Keys?.FramedIpAddress is { } framed)
                {
                    line.AppendAscii((byte)'"');
                    line.Append(framed);
                    line.AppendAscii((byte)'"');
                }
                else
                {
                    line.Append("null"u8);
                }

                line.Append(e.IsAck ? ",\"Result\":\"ACK\",\"ErrorCause\":"u8 : ",\"Result\":\"NAK\",\"ErrorCause\":"u8);
                if (e.ErrorCause is { } cause)
                {
                    line.Append((uint)cause);
                }
                else
                {
                    line.Append("null"u8);
                }

                line.Append(",\"LatencyMs\":"u8);
                line.Append(LatencyMs(e), "R");
                line.Append(",\"Detail\":"u8);
                JsonString(line, e.Detail);
                line.Append(",\"EventId\":{\"Id\":5001,\"Name\":\"Answered\"},\"SourceContext\":\"RadiusDisconnectProxy.Audit\"}\n"u8);
                break;
            case AuditLineLayout.Journald:
                line.Append("<6>RadiusDisconnectProxy.Audit: "u8);
                line.Append(_message.Written);
                line.AppendAscii((byte)'\n');
                break;
            default:
                line.Append(e.Time.ToLocalTime(), "HH:mm:ss.fff");
                line.Append(" INF RadiusDisconnectProxy.Audit: "u8);
                line.Append(_message.Written);
                line.AppendAscii((byte)'\n');
                break;
        }
    }

    /// <summary>The audit template (<see cref="AuditWriter"/>) rendered as the log's message renderer does.</summary>
    private void RenderMessage(in AuditEntry e, Utf8LineBuffer m)
    {
        m.Clear();
        m.Append(CodeName(e.Code));
        m.AppendAscii((byte)' ');
        m.Append(e.Identifier);
        m.Append(" from "u8);
        m.Append(e.Client);
        m.Append(" ("u8);
        m.Append(e.ClientEndPoint);
        m.Append(") for NAS "u8);
        m.Append(e.Nas ?? "-");
        m.Append(e.IsAck ? ": ACK "u8 : ": NAK "u8);
        if (e.ErrorCause is { } cause)
        {
            m.Append((uint)cause);
        }
        else
        {
            m.Append("null"u8);
        }

        m.Append(" in "u8);
        m.Append(LatencyMs(e));
        m.Append(" ms; user "u8);
        TextOrNull(m, e.Keys?.UserName);
        m.Append(" session "u8);
        TextOrNull(m, e.Keys?.AcctSessionId);
        m.Append(" station "u8);
        TextOrNull(m, e.Keys?.CallingStationId);
        m.Append(" ip "u8);
        if (e.Keys?.FramedIpAddress is { } framed)
        {
            m.Append(framed);
        }
        else
        {
            m.Append("null"u8);
        }

        m.Append("; "u8);
        TextOrNull(m, e.Detail);
    }

    /// <summary>The audited latency: milliseconds rounded to microseconds (as the log event has always carried it).</summary>
    internal static double LatencyMs(in AuditEntry e) => Math.Round(e.Latency.TotalMilliseconds, 3);

    private static void TextOrNull(Utf8LineBuffer m, string? text)
    {
        if (text is null)
        {
            m.Append("null"u8);
        }
        else
        {
            m.Append(text);
        }
    }

    private void JsonString(Utf8LineBuffer line, string? text)
    {
        if (text is null)
        {
            line.Append("null"u8);
            return;
        }

        _message.Clear();
        _message.Append(text);
        line.AppendAscii((byte)'"');
        line.AppendJsonEscaped(_message.Written);
        line.AppendAscii((byte)'"');
    }

    private byte[] CodeName(RadiusCode code) =>
        _codeNames[(byte)code] ??= System.Text.Encoding.UTF8.GetBytes(code.ToString());
}
