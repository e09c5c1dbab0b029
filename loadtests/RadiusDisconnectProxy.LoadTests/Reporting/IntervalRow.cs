namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>One line of the latency-over-time CSV.</summary>
internal sealed record IntervalRow(double ElapsedSeconds, long Sent, long Ack, long Nak, long Lost, long Invalid, double AnsweredPerSecond, double P50, double P90, double P99, double Max);
