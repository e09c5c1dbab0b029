using System.Buffers;

namespace RadiusDisconnectProxy.Radius.Packets;

/// <summary>4096-octet packet buffers from the shared <see cref="ArrayPool{T}"/>.</summary>
public static class PacketBufferPool
{
    public const int BufferSize = RadiusPacketLimits.MaxPacketLength;

    /// <summary>A buffer of at least 4096 octets; give it back with <see cref="Return"/>.</summary>
    public static byte[] Rent() => ArrayPool<byte>.Shared.Rent(BufferSize);

    /// <summary>Returns a buffer; <paramref name="clear"/> wipes it first (it held secrets or passwords).</summary>
    public static void Return(byte[] buffer, bool clear = false) => ArrayPool<byte>.Shared.Return(buffer, clear);
}
