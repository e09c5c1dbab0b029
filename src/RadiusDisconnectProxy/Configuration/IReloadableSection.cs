namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// An area that applies its radius.conf section live on SIGHUP (docs/operations.md, "Reload"): the <c>mqtt</c> transport,
/// the <c>radiusdesk</c> database. The reloader calls <see cref="Apply"/> with every valid new configuration, after the
/// clients and NASes are swapped; the area compares with what it runs and changes only what differs. Requests already
/// in flight keep what they started with. Settings the area cannot change without a restart are left alone (the
/// reloader logs them, event 108).
/// </summary>
public interface IReloadableSection
{
    /// <summary>Applies <paramref name="next"/>; returns at once (connecting happens in the background) and never throws.</summary>
    void Apply(ProxyOptions next);
}
