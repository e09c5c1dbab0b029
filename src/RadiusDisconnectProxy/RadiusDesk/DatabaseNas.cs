namespace RadiusDisconnectProxy.RadiusDesk;

/// <summary>
/// A NAS row as RADIUSdesk stores it, from <c>dynamic_clients</c> (+ <c>dynamic_client_settings</c>) or <c>nas</c>
/// (+ <c>na_settings</c>). <see cref="Secret"/> and <see cref="CoaPort"/> exist only in <c>nas</c>.
/// </summary>
internal sealed record DatabaseNas(string Table, long Id, string Name, string Type, IReadOnlyDictionary<string, string> Settings,
    string? Secret, int? CoaPort)
{
    public string Source => $"radiusdesk:{Table}#{Id}";
}
