using System.Globalization;
using RadiusDisconnectProxy.Tests.Integration;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.NewTypesEndToEnd;

/// <summary>
/// One real proxy executable on a private mosquitto (as an external MQTT client, <c>reply_timeout = 1s</c>), MESHdesk
/// nodes 146, 147, 148 (silent) and APdesk AP 7 simulated on it, for <see cref="PrivatePskEndToEndTests"/>.
/// </summary>
public sealed class PrivatePskEndToEndFixture : IAsyncLifetime
{
    private readonly MosquittoFixture _mosquitto = new();
    private NodeFleet? _fleet;
    private ExecutableProxy? _proxy;

    public SimulatedNode Node146 { get; } = SimulatedNode.MeshNode(146, "C4-4B-D1-00-97-49", "MY-MESH");

    public SimulatedNode Node147 { get; } = SimulatedNode.MeshNode(147, "C4-4B-D1-00-97-4A", "MY-MESH");

    public SimulatedNode SilentNode { get; } = SimulatedNode.MeshNode(148, "C4-4B-D1-00-97-4B", "MY-MESH");

    public SimulatedNode Ap7 { get; } = SimulatedNode.AccessPoint(7, "64-64-4A-DD-07-0F");

    internal ExecutableProxy Proxy => _proxy ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        await _mosquitto.InitializeAsync();
        _fleet = await NodeFleet.StartAsync("127.0.0.1", _mosquitto.Broker.Port, MosquittoFixture.Username, MosquittoFixture.Password,
            [Node146, Node147, SilentNode, Ap7]);
        await _fleet.SetBehaviourAsync(SilentNode, NodeBehaviour.Silent);
        string nodes = string.Concat(new[] { Node146, Node147, SilentNode }.Select(n =>
            string.Create(CultureInfo.InvariantCulture, $" node {n.Id} {{ mac = {n.Mac}  mesh_id = {n.MeshId} }}")));
        _proxy = await ExecutableProxy.StartAsync(_mosquitto.MqttSection("1s")
            + "nas psk { type = private_psk  nasidentifier = m_hosta_5_12 " + nodes + " }\n"
            + "nas psk_ap { type = private_psk  nasidentifier = a_hosta_3_9  ap 7 { mac = 64-64-4a-dd-07-0f } }\n");
        await _proxy.WaitForLogAsync("MQTT connected to");
    }

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_fleet is not null)
        {
            await _fleet.DisposeAsync();
        }

        await _mosquitto.DisposeAsync();
    }
}

/// <summary>
/// Issue 12 "Done when" for <c>type = private_psk</c> (docs/private-psk.md): radclient → the real executable → mosquitto
/// → the node or AP the Operator-Name names, which runs <c>hostapd_disconnect.lua &lt;MAC&gt; &lt;entry&gt;</c>. A silent node
/// is answered NAK 506 at the MQTT reply timeout; CoA is NAK 401. (Operator-Name from radacct: <see cref="RadiusDeskNewTypesEndToEndTests"/>.)
/// </summary>
[Trait("Category", "RealService")]
public sealed class PrivatePskEndToEndTests(PrivatePskEndToEndFixture fixture) : IClassFixture<PrivatePskEndToEndFixture>
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(10);

    private ExecutableProxy Proxy => fixture.Proxy;

    [Fact]
    public async Task Disconnect_MeshOperatorNameFromTheRequest_ExactCommandToThatNodeOnly_Ack()
    {
        int before146 = fixture.Node146.ReceivedCount, before147 = fixture.Node147.ReceivedCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_147\", Calling-Station-Id = \"0c:c6:fd:7b:8b:aa\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        Assert.Equal(before146, fixture.Node146.ReceivedCount);
        ReceivedNodeCommand command = fixture.Node147.Received[before147];
        Assert.Equal(before147 + 1, fixture.Node147.ReceivedCount);
        Assert.Equal("/RD/MESH/147/COMMAND", command.Topic);
        Assert.False(command.Retained);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture,
            $"{{\"mode\":\"mesh\",\"node_id\":147,\"mac\":\"C4-4B-D1-00-97-4A\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":{command.CmdId},\"cmd\":\"/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AA 12\",\"action\":\"execute\"}}"),
            command.Json);
        Assert.Contains(new HostapdDisconnect("0c:c6:fd:7b:8b:aa", 12), fixture.Node147.HostapdDisconnects);
    }

    [Fact]
    public async Task Disconnect_ApOperatorNameFromTheRequest_CommandToThatAp_Ack()
    {
        int before = fixture.Ap7.ReceivedCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"a_hosta_3_9\", Operator-Name = \"a_hosta_3_9_0_7\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AB\"");

        Assert.True(answer.ReplyCode == "Disconnect-ACK", answer.ToString());
        ReceivedNodeCommand command = fixture.Ap7.Received[before];
        Assert.Equal("/RD/AP/7/COMMAND", command.Topic);
        Assert.Equal("/etc/MESHdesk/utils/hostapd_disconnect.lua 0C-C6-FD-7B-8B-AB 9", command.Command);
        Assert.Contains("\"mode\":\"ap\",\"ap_id\":7,\"mac\":\"64-64-4A-DD-07-0F\"", command.Json, StringComparison.Ordinal);
        Assert.Contains(new HostapdDisconnect("0c:c6:fd:7b:8b:ab", 9), fixture.Ap7.HostapdDisconnects);
    }

    [Fact]
    public async Task Disconnect_NodeSilent_Nak506_AtTheReplyTimeout()
    {
        int before = fixture.SilentNode.ReceivedCount;

        (RadclientResult answer, TimeSpan elapsed) = await Proxy.RadclientAsync("disconnect",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_148\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AC\"", timeoutSeconds: 4);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal("Resources-Unavailable", answer.Attribute("Error-Cause"));
        // reply_timeout = 1s: not before it, and well before radclient's 4 s.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(4));
        await fixture.SilentNode.WaitForCommandsAsync(before + 1, s_wait);
    }

    [Theory]
    [InlineData("Calling-Station-Id = \"0C-C6-FD-7B-8B-AD\"", "Missing-Attribute")]
    [InlineData("Operator-Name = \"m_hosta_5_12_1_146\"", "Missing-Attribute")]
    [InlineData("Operator-Name = \"m_hosta_5_12_1_999\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AD\"", "Proxy-Request-Not-Routable")]
    // The MAC goes into a command the node runs through a shell: anything that is not a MAC never reaches it.
    [InlineData("Operator-Name = \"m_hosta_5_12_1_146\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AD;reboot\"", "Missing-Attribute")]
    [InlineData("Operator-Name = \"x_hosta_5_12_1_146\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AD\"", "Missing-Attribute")]
    public async Task Disconnect_WithoutItsTarget_Nak_NoCommandSent(string keys, string cause)
    {
        int before = fixture.Node146.ReceivedCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("disconnect", "NAS-Identifier = \"m_hosta_5_12\", " + keys);

        Assert.True(answer.ReplyCode == "Disconnect-NAK", answer.ToString());
        Assert.Equal(cause, answer.Attribute("Error-Cause"));
        Assert.Equal(before, fixture.Node146.ReceivedCount);
    }

    [Fact]
    public async Task Coa_Nak401_NothingToApply_NoCommandSent()
    {
        int before = fixture.Node146.ReceivedCount;

        (RadclientResult answer, TimeSpan _) = await Proxy.RadclientAsync("coa",
            "NAS-Identifier = \"m_hosta_5_12\", Operator-Name = \"m_hosta_5_12_1_146\", Calling-Station-Id = \"0C-C6-FD-7B-8B-AE\", Session-Timeout = 60");

        Assert.True(answer.ReplyCode == "CoA-NAK", answer.ToString());
        Assert.Equal("Unsupported-Attribute", answer.Attribute("Error-Cause"));
        Assert.Equal(before, fixture.Node146.ReceivedCount);
    }
}
