namespace RadiusDisconnectProxy.Pipeline;

/// <summary>What <see cref="RequestPipeline.Process"/> did with one datagram (for the listener's bookkeeping and tests).</summary>
internal enum PipelineOutcome
{
    Dropped,

    /// <summary>Answered from the duplicate cache.</summary>
    Replayed,

    /// <summary>Answered on the receive loop (401, 402, 502, 506 overload, or a driver that completed synchronously).</summary>
    Answered,

    /// <summary>Handed to a driver that continues asynchronously; the answer follows.</summary>
    Dispatched,
}
