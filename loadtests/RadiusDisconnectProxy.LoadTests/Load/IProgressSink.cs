using RadiusDisconnectProxy.LoadTests.Reporting;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Receives one sample per second while a run is measuring (the live progress line).</summary>
internal interface IProgressSink
{
    void Report(IntervalRow interval, LoadTotals totals, int inFlight);
}
