namespace RadiusDisconnectProxy.TestSupport.RadiusDesk;

/// <summary>The RADIUSdesk schema the proxy uses (<c>schema.sql</c>, embedded), for <c>MariaDbServer.StartNewAsync</c>.</summary>
public static class RadiusDeskSchema
{
    /// <summary>Every table of the schema, children first (the order a reset truncates them in).</summary>
    public static IReadOnlyList<string> Tables { get; } =
    [
        "radacct", "radacct_history", "na_settings", "nas", "dynamic_client_settings", "dynamic_clients",
        "mesh_exit_captive_portals", "mesh_exits", "nodes", "meshes", "aps", "node_actions", "ap_actions", "accel_sessions",
    ];

    public static string Sql { get; } = Load();

    private static string Load()
    {
        using Stream stream = typeof(RadiusDeskSchema).Assembly.GetManifestResourceStream("RadiusDesk.schema.sql")
            ?? throw new InvalidOperationException("embedded resource RadiusDesk.schema.sql is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
