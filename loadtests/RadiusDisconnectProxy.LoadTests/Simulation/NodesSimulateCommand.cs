using System.CommandLine;
using RadiusDisconnectProxy.LoadTests.Cli;
using RadiusDisconnectProxy.TestSupport.Meshdesk;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>`rdp-load simulate nodes`: a private mosquitto plus a fleet of MESHdesk/APdesk nodes subscribed to it.</summary>
internal static class NodesSimulateCommand
{
    public static Command Create()
    {
        var count = new Option<int>("--nodes") { Description = "simulated nodes (half mesh gateways, half APs)", DefaultValueFactory = _ => 1000 };
        var lifetime = SimulateCommand.Lifetime();
        var command = new Command("nodes", "mosquitto and MESHdesk/APdesk node simulators that acknowledge every command") { count, lifetime };
        command.SetAction(async (parse, cancellationToken) =>
        {
            int nodes = parse.GetValue(count);
            await using MosquittoBroker broker = await MosquittoBroker.StartAsync().ConfigureAwait(false);
            var fleetNodes = new List<SimulatedNode>(nodes);
            int meshes = MeshdeskFleetLayout.Meshes(nodes);
            for (int i = 0; i < meshes; i++)
            {
                fleetNodes.Add(SimulatedNode.MeshNode(MeshdeskFleetLayout.MeshNodeId(i), MeshdeskFleetLayout.MeshNodeMac(i), MeshdeskFleetLayout.MeshId(i)));
            }

            for (int i = 0; i < nodes - meshes; i++)
            {
                fleetNodes.Add(SimulatedNode.AccessPoint(MeshdeskFleetLayout.ApId(i), MeshdeskFleetLayout.ApMac(i)));
            }

            await using NodeFleet fleet = await NodeFleet.StartAsync(broker.Host, broker.Port, null, null, fleetNodes, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"READY nodes mqtt={broker.Host}:{broker.Port} nodes={nodes} mosquitto_pid={ChildProcesses.Find("mosquitto")}");
            await SimulatorLifetime.WaitAsync(parse.GetValue(lifetime), cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"nodes received {fleetNodes.Sum(n => (long)n.ReceivedCount)} commands, ignored {fleetNodes.Sum(n => (long)n.IgnoredCount)}");
            return 0;
        });
        return command;
    }
}
