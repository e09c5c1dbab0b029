using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Hosting.Logging;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;
using Serilog.Formatting;

namespace RadiusDisconnectProxy.Tests.Logging;

/// <summary>
/// The daemon writes audit lines pre-rendered (docs/operations.md, "Audit"): each must be byte for byte the line the log
/// formatters give the audit log event (same message, fields, order, escaping), in text, journald and JSON layout.
/// </summary>
public class AuditLineRendererTests
{
    public static TheoryData<int> Cases => [0, 1, 2, 3, 4];

    private static AuditEntry Entry(int i) => i switch
    {
        0 => new(new DateTimeOffset(2026, 12, 7, 17, 30, 6, 678, TimeSpan.Zero).AddTicks(1132), "load", new IPEndPoint(IPAddress.Loopback, 38023),
            RadiusCode.DisconnectRequest, 0, new SessionKeys { UserName = "user0000000@example.net", AcctSessionId = "sess-1", CallingStationId = "02-00-00-00-00-00" },
            "sim", true, null, TimeSpan.FromTicks(5_799_671), "NAS answered ACK"),
        1 => new(DateTimeOffset.UtcNow, "dac \"one\"", new IPEndPoint(IPAddress.Parse("2001:db8::7"), 3799), RadiusCode.CoaRequest, 255,
            new SessionKeys { UserName = "b\\ack\tslash\nnew\u0001line", FramedIpAddress = IPAddress.Parse("10.1.2.3"), CallingStationId = "é日本" },
            null, false, ErrorCause.SessionContextNotFound, TimeSpan.FromMilliseconds(12.3456), "no such session"),
        2 => new(DateTimeOffset.UtcNow, "c", new IPEndPoint(IPAddress.Parse("192.0.2.1"), 1), RadiusCode.DisconnectRequest, 7, null,
            "a,b", false, ErrorCause.ResourcesUnavailable, TimeSpan.Zero, null),
        3 => new(DateTimeOffset.UtcNow, "console:ops", new IPEndPoint(IPAddress.IPv6Loopback, 65535), RadiusCode.DisconnectRequest, 9,
            new SessionKeys { FramedIpAddress = IPAddress.Parse("fe80::1") }, "n", true, null, TimeSpan.FromSeconds(2.5), "session 1: ACK ok; session 2: ACK \"x\""),
        _ => new(DateTimeOffset.UtcNow, "x", new IPEndPoint(IPAddress.Loopback, 5), RadiusCode.CoaRequest, 1,
            new SessionKeys { UserName = "\r\f\b\u001f\u007f" }, "n", true, null, TimeSpan.FromTicks(1), "d"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Text_IsTheLogFormattersLine(int i)
    {
        AuditEntry e = Entry(i);
        string expected = ViaSerilog(new TextLogFormatter(journald: false), e);
        string actual = Render(AuditLineLayout.Text, e);

        // The time is the answer's (local, as the text formatter prints it); the log event's would be the moment it was logged.
        Assert.StartsWith(e.Time.ToLocalTime().ToString("HH:mm:ss.fff ", CultureInfo.InvariantCulture), actual, StringComparison.Ordinal);
        Assert.Equal(expected[13..], actual[13..]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Journald_IsTheLogFormattersLine(int i)
    {
        AuditEntry e = Entry(i);
        Assert.Equal(ViaSerilog(new TextLogFormatter(journald: true), e), Render(AuditLineLayout.Journald, e));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_IsTheLogFormattersLine(int i)
    {
        AuditEntry e = Entry(i);
        string expected = ViaSerilog(new JsonLogFormatter(), e);
        string actual = Render(AuditLineLayout.Json, e);

        string time = e.Time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        Assert.StartsWith("{\"@t\":\"" + time + "\",", actual, StringComparison.Ordinal);
        int after = expected.IndexOf("\"@l\"", StringComparison.Ordinal);
        Assert.Equal(expected[after..], actual[actual.IndexOf("\"@l\"", StringComparison.Ordinal)..]);
        using var parsed = System.Text.Json.JsonDocument.Parse(actual);
        Assert.Equal(e.Keys?.UserName, parsed.RootElement.GetProperty("UserName").GetString());
    }

    [Fact]
    public void ABatch_IsItsLinesInOrder()
    {
        var renderer = new AuditLineRenderer(AuditLineLayout.Journald);
        var expected = new StringBuilder();
        foreach (int i in new[] { 0, 2, 4 })
        {
            renderer.Append(Entry(i));
            expected.Append(ViaSerilog(new TextLogFormatter(journald: true), Entry(i)));
        }

        Assert.Equal(expected.ToString(), Encoding.UTF8.GetString(renderer.Lines.Written));
    }

    private static string Render(AuditLineLayout layout, AuditEntry e)
    {
        var renderer = new AuditLineRenderer(layout);
        renderer.Append(e);
        return Encoding.UTF8.GetString(renderer.Lines.Written);
    }

    /// <summary>The line the daemon's Serilog pipeline (enrichers, formatter) writes for the audit log event.</summary>
    private static string ViaSerilog(ITextFormatter formatter, AuditEntry e)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        using Logger serilog = new Serilog.LoggerConfiguration()
            .MinimumLevel.Information()
            .Enrich.FromLogContext()
            .Enrich.With<ConfigNotationEnricher>()
            .WriteTo.Sink(new FormattingSink(formatter, output))
            .CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        ILogger logger = factory.CreateLogger("RadiusDisconnectProxy.Audit");
        AuditWriter.Answered(logger, e.Client, e.ClientEndPoint.ToString(), e.Code.ToString(), e.Identifier, e.Nas ?? "-",
            e.Keys?.UserName, e.Keys?.AcctSessionId, e.Keys?.CallingStationId, e.Keys?.FramedIpAddress?.ToString(), e.IsAck ? "ACK" : "NAK",
            e.ErrorCause is { } cause ? (uint)cause : null, AuditLineRenderer.LatencyMs(e), e.Detail);
        return output.ToString();
    }

    private sealed class FormattingSink(ITextFormatter formatter, TextWriter output) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => formatter.Format(logEvent, output);
    }
}
