namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// <c>verify = accounting</c> (docs/radiusdesk.md §5): after every driver ACKed a Disconnect-Request, the pipeline asks this whether
/// RADIUSdesk's accounting shows the sessions gone. Registered with every <c>radiusdesk</c> section; asked only while
/// <see cref="IsEnabled"/> (<c>verify = accounting</c>, which a reload may change).
/// </summary>
public interface IDisconnectVerifier
{
    /// <summary>True while <c>verify = accounting</c>; read once per request.</summary>
    bool IsEnabled { get; }

    /// <summary>
    /// Polls radacct until none of <paramref name="radAcctIds"/> is an open row (acctstoptime set, or the row moved to
    /// radacct_history / deleted), for at most <c>verify_timeout</c> and never past <paramref name="cancellationToken"/>.
    /// True: all stopped (send the ACK). False: still open at the timeout, cancelled, or the database unreachable for the
    /// whole wait (send Disconnect-NAK 504). Never throws for these; an empty list is true at once.
    /// </summary>
    ValueTask<bool> WaitUntilStoppedAsync(IReadOnlyList<long> radAcctIds, CancellationToken cancellationToken);
}
