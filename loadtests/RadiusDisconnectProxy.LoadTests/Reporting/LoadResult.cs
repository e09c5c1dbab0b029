using RadiusDisconnectProxy.LoadTests.Load;

namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>The outcome of one load run: what the reports and assertions are made of.</summary>
internal sealed record LoadResult
{
    public required string Name { get; init; }
    public required string Mode { get; init; }
    public required string Target { get; init; }
    public required DateTimeOffset StartedUtc { get; init; }
    public required double MeasuredSeconds { get; init; }
    public required int Sockets { get; init; }
    public required int Window { get; init; }
    public required LoadTotals Totals { get; init; }
    public required LatencySummary Latency { get; init; }
    public required IReadOnlyList<IntervalRow> Intervals { get; init; }
    public ProcessUsage? Server { get; init; }
    public required ProcessUsage Generator { get; init; }
    public IReadOnlyList<ProcessUsage> Others { get; init; } = [];
    public long? RmemMax { get; init; }
    public int GrantedReceiveBufferBytes { get; init; }
    public string CommandLine { get; init; } = Environment.CommandLine;

    /// <summary>Answers (ACK + NAK) per second over the measured window.</summary>
    public double AnsweredPerSecond => MeasuredSeconds > 0 ? Totals.Answered / MeasuredSeconds : 0;

    public double AckPerSecond => MeasuredSeconds > 0 ? Totals.Ack / MeasuredSeconds : 0;

    public double SentPerSecond => MeasuredSeconds > 0 ? Totals.Sent / MeasuredSeconds : 0;
}
