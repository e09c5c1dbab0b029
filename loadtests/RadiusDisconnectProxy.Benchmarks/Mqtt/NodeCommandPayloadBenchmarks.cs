using System.Buffers;
using BenchmarkDotNet.Attributes;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Mqtt;

namespace RadiusDisconnectProxy.Benchmarks.Mqtt;

/// <summary>
/// The MQTT payload of one CoovaChilli logout (DESIGN.md §7): JSON written into a reused buffer, as the command bus
/// publishes it, and the string form used for logs and node_actions rows.
/// </summary>
[MemoryDiagnoser]
public class NodeCommandPayloadBenchmarks
{
    private readonly NodeCommand _mesh = new(NodeMode.Mesh, 146, "C4-4B-D1-00-97-49", "MY-MESH", 1_234_567_890_123, "chilli_query logout mac 0C-C6-FD-7B-8B-AA");
    private readonly NodeCommand _ap = new(NodeMode.Ap, 7, "64-64-4A-DD-07-0F", null, 1_234_567_890_124, "chilli_query logout mac 0C-C6-FD-7B-8B-AA");
    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    [Benchmark]
    public int WriteMeshPayload() => Write(_mesh);

    [Benchmark]
    public int WriteApPayload() => Write(_ap);

    [Benchmark]
    public string MeshPayloadString() => NodeCommandJson.ToJsonString(_mesh);

    private int Write(NodeCommand command)
    {
        _buffer.ResetWrittenCount();
        NodeCommandJson.Write(command, _buffer);
        return _buffer.WrittenCount;
    }
}
