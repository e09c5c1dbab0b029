using System.Globalization;
using System.Text;

namespace RadiusDisconnectProxy.LoadTests.Scenarios;

/// <summary>Writes the radius.conf a scenario runs the proxy with (grammar: DESIGN.md §4).</summary>
internal sealed class ProxyConfigBuilder
{
    private readonly StringBuilder _text = new();

    public ProxyConfigBuilder(int listenPort, string clientSecret, int metricsPort, bool audit = true)
    {
        Line($"listen {{ ipaddr = 127.0.0.1  port = {listenPort} }}");
        Line("security { max_pending = 100000 }");
        Line($"client load {{ ipaddr = 127.0.0.1  secret = \"{clientSecret}\" }}");
        Line($"metrics {{ listen = 127.0.0.1:{metricsPort} }}");
        Line($"audit {{ enabled = {(audit ? "yes" : "no")} }}");
    }

    public ProxyConfigBuilder Line(FormattableString line)
    {
        _text.AppendLine(line.ToString(CultureInfo.InvariantCulture));
        return this;
    }

    public ProxyConfigBuilder Line(string line)
    {
        _text.AppendLine(line);
        return this;
    }

    public ProxyConfigBuilder MqttOff() => Line("mqtt { mode = off }");

    public ProxyConfigBuilder ForwardingNas(string name, string nasIdentifier, int port, string secret) =>
        Line($"nas {name} {{ type = other  nasidentifier = {nasIdentifier}  ipaddr = 127.0.0.1  coa_port = {port}  secret = \"{secret}\" }}");

    /// <summary>mqtt in external mode plus one CoovaMeshdesk nas per simulated mesh gateway / AP (<see cref="Simulation.MeshdeskFleetLayout"/>).</summary>
    public ProxyConfigBuilder CoovaFleet(string mqttEndPoint, int nodes)
    {
        System.Net.IPEndPoint broker = System.Net.IPEndPoint.Parse(mqttEndPoint);
        Line($"mqtt {{ mode = external  server = {broker.Address}  port = {broker.Port}  reply_timeout = 5s }}");
        int meshes = Simulation.MeshdeskFleetLayout.Meshes(nodes);
        for (int i = 0; i < meshes; i++)
        {
            Line($"nas mesh{i} {{ type = CoovaMeshdesk  nasidentifier = {Simulation.MeshdeskFleetLayout.MeshNasIdentifier(i)}  node {Simulation.MeshdeskFleetLayout.MeshNodeId(i)} {{ mac = {Simulation.MeshdeskFleetLayout.MeshNodeMac(i)}  mesh_id = {Simulation.MeshdeskFleetLayout.MeshId(i)} }} }}");
        }

        for (int i = 0; i < nodes - meshes; i++)
        {
            Line($"nas ap{i} {{ type = CoovaMeshdesk  nasidentifier = {Simulation.MeshdeskFleetLayout.ApNasIdentifier(i)}  mac = {Simulation.MeshdeskFleetLayout.ApMac(i)} }}");
        }

        return this;
    }

    /// <summary>One Mikrotik-API nas per simulated router: nasidentifier router&lt;k&gt;.</summary>
    public ProxyConfigBuilder MikrotikRouters(IReadOnlyList<int> apiPorts)
    {
        for (int k = 0; k < apiPorts.Count; k++)
        {
            Line($"nas router{k} {{ type = Mikrotik-API  nasidentifier = router{k}  api_host = 127.0.0.1  api_port = {apiPorts[k]}  api_username = {Simulation.RoutersSimulateCommand.Username}  api_password = {Simulation.RoutersSimulateCommand.Password} }}");
        }

        return this;
    }

    /// <summary>One Mikrotik-Rest-API nas per simulated router over HTTPS with the simulator's certificate pinned.</summary>
    public ProxyConfigBuilder MikrotikRestRouters(IReadOnlyList<int> httpsPorts, string fingerprint)
    {
        for (int k = 0; k < httpsPorts.Count; k++)
        {
            Line($"nas router{k} {{ type = Mikrotik-Rest-API  nasidentifier = router{k}  api_host = 127.0.0.1  api_port = {httpsPorts[k]}  api_tls = yes  api_tls_fingerprint = {fingerprint}  api_username = {Simulation.RoutersSimulateCommand.Username}  api_password = {Simulation.RoutersSimulateCommand.Password} }}");
        }

        return this;
    }

    public override string ToString() => _text.ToString();
}
