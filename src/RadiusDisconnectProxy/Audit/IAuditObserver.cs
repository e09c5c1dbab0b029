namespace RadiusDisconnectProxy.Audit;

/// <summary>
/// Sees every answered request as it is audited (the web console's live feed and charts, docs/console.md). Called on the
/// request path, so an implementation must be cheap, bounded and never block or throw.
/// </summary>
internal interface IAuditObserver
{
    void Observe(AuditEvent auditEvent);
}
