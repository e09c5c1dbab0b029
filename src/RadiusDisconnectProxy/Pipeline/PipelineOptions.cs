namespace RadiusDisconnectProxy.Pipeline;

/// <summary>Internal tuning of the pipeline that radius.conf does not expose (tests shorten it).</summary>
public sealed class PipelineOptions
{
    /// <summary>
    /// How long one driver call may take before the request is answered NAK 506. Longer than the default RFC 5080
    /// MRD (30 s) so the forwarding driver's own 505 wins; a forwarding NAS with a longer <c>mrd</c> gets mrd + 5 s.
    /// </summary>
    public TimeSpan DriverTimeout { get; set; } = TimeSpan.FromSeconds(35);

    /// <summary>Receive buffer asked for on every listener socket (the kernel may cap it: net.core.rmem_max).</summary>
    public int ReceiveBufferSize { get; set; } = 4 * 1024 * 1024;
}
