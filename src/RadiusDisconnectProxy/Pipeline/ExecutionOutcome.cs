using RadiusDisconnectProxy.Drivers;

namespace RadiusDisconnectProxy.Pipeline;

/// <summary>What routing and the driver(s) decided, plus which NAS(es) it concerned (for metrics and audit).</summary>
internal readonly record struct ExecutionOutcome(DriverResult Result, string? Nas);
