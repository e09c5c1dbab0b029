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

    public override string ToString() => _text.ToString();
}
