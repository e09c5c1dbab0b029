using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;

namespace RadiusDisconnectProxy.TestSupport.RouterOs.Rest;

/// <summary>
/// A reusable answer buffer and JSON writer, so a simulated router under load (rdp-load's 100 routers) allocates neither
/// per request. A small bounded pool; an answer that grew the buffer past 64 KiB is not kept.
/// </summary>
internal sealed class JsonBuffer
{
    private const int Keep = 64;
    private static readonly ConcurrentQueue<JsonBuffer> s_pool = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    private JsonBuffer()
    {
        Writer = new Utf8JsonWriter(_buffer);
    }

    public Utf8JsonWriter Writer { get; }

    public ReadOnlyMemory<byte> Written => _buffer.WrittenMemory;

    public static JsonBuffer Rent() => s_pool.TryDequeue(out JsonBuffer? buffer) ? buffer : new JsonBuffer();

    public static void Return(JsonBuffer buffer)
    {
        buffer._buffer.ResetWrittenCount();
        buffer.Writer.Reset(buffer._buffer);
        if (buffer._buffer.Capacity <= 64 * 1024 && s_pool.Count < Keep)
        {
            s_pool.Enqueue(buffer);
        }
    }
}
