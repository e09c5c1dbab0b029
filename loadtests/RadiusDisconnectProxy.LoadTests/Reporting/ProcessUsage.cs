namespace RadiusDisconnectProxy.LoadTests.Reporting;

/// <summary>What one process spent during the measured window.</summary>
internal sealed record ProcessUsage(string Name, int Pid, double CpuSeconds, double CpuMicrosecondsPerRequest, long RssBeforeBytes, long RssAfterBytes)
{
    /// <summary>CPU share of one core over the window (1.0 = one core busy).</summary>
    public double Cores { get; init; }
}
