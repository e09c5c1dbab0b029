namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// A NAS row as RADIUSdesk stores it, from <c>dynamic_clients</c> (+ <c>dynamic_client_settings</c>) or <c>nas</c>
/// (+ <c>na_settings</c>). <see cref="Secret"/> and <see cref="CoaPort"/> exist only in <c>nas</c>.
/// </summary>
internal sealed record DatabaseNas(string Table, long Id, string Name, string Type, IReadOnlyDictionary<string, string> Settings,
    string? Secret, int? CoaPort)
{
    public string Source => $"radiusdesk:{Table}#{Id}";

    /// <summary>A settings row's value, trimmed; null when absent or blank.</summary>
    public string? Setting(string name) =>
        Settings.TryGetValue(name, out string? value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    /// <summary>The row's <c>coa_port</c>, or <paramref name="defaultPort"/> when absent or 0.</summary>
    public int CoaPortOr(int defaultPort) => CoaPort is > 0 and < 65536 ? CoaPort.Value : defaultPort;
}
