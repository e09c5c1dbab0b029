namespace RadiusDisconnectProxy.RouterOs.Tests.Protocol;

/// <summary>Hands out one byte per read, like a congested TCP stream, to exercise reassembly.</summary>
internal sealed class TrickleStream(byte[] data) : MemoryStream(data)
{
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => base.ReadAsync(buffer[..Math.Min(1, buffer.Length)], cancellationToken);
}
