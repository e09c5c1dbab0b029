using System.Buffers;
using System.Text;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Benchmarks.Mqtt;

/// <summary>
/// What one node reply meant for another instance costs an instance (docs/high-availability.md): with N instances on one
/// broker every instance receives every reply on the fixed response topic, and N − 1 of them only parse it, miss it in
/// their table of commands in flight (here 1 000 entries), and — with <c>record_actions = yes</c> and a row-id cmd_id —
/// hand it to the unclaimed-reply queue. The broker's and MQTTnet's own cost of delivering the PUBLISH is not included.
/// </summary>
[MemoryDiagnoser]
public class ForeignReplyBenchmarks
{
    private readonly PendingReplyTable _plain = new();
    private readonly PendingReplyTable _recording = new(unclaimed: new CountingHandler());
    private readonly ReadOnlySequence<byte> _generatedId = Reply(4_295_000_123);
    private readonly ReadOnlySequence<byte> _rowId = Reply(81_234);

    [GlobalSetup]
    public void Setup()
    {
        foreach (PendingReplyTable table in new[] { _plain, _recording })
        {
            for (int i = 0; i < 1000; i++)
            {
                Fill(table, i);
            }
        }
    }

    /// <summary>record_actions off: cmd_ids from another instance's generator.</summary>
    [Benchmark(Baseline = true)]
    public NodeReply? ForeignReply_NotRecorded() => _plain.Dispatch(_generatedId);

    /// <summary>record_actions on: a row-id cmd_id another instance sent goes to the (batched, delayed) adoption queue.</summary>
    [Benchmark]
    public NodeReply? ForeignReply_Recorded() => _recording.Dispatch(_rowId);

    private static void Fill(PendingReplyTable table, int i) =>
        table.TryAdd(new NodeReplyKey(NodeMode.Mesh, 146, 1_000_000 + i), new ReplyWaiter());

    private static ReadOnlySequence<byte> Reply(long cmdId) => new(Encoding.UTF8.GetBytes(
        $"{{\"mode\":\"mesh\",\"node_id\":146,\"mac\":\"C4-4B-D1-00-97-49\",\"mesh_id\":\"MY-MESH\",\"cmd_id\":{cmdId},\"cmd\":\"chilli_query logout mac 0C-C6-FD-7B-8B-AA\",\"action\":\"execute\",\"status\":\"os_command\"}}"));

    private sealed class CountingHandler : IUnclaimedReplyHandler
    {
        public long Count;

        public void OnUnclaimedReply(NodeReply reply) => Count++;
    }
}
