namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>A row of a <see cref="SimulatedTable"/>: its values and where it sits in the table's insertion order.</summary>
internal sealed class SimulatedRow(string id, long sequence, Dictionary<string, string> values)
{
    public string Id { get; } = id;

    /// <summary>Insertion order, so index hits print in the same order a scan would.</summary>
    public long Sequence { get; } = sequence;

    public Dictionary<string, string> Values { get; } = values;

    public LinkedListNode<SimulatedRow>? Node { get; set; }
}
