using System.Collections.Concurrent;

namespace RadiusDisconnectProxy.Forwarder;

/// <summary>A bounded pool of <see cref="PendingForward"/> objects (each owns a 4096-octet buffer).</summary>
internal sealed class PendingForwardPool(int capacity)
{
    private readonly ConcurrentQueue<PendingForward> _items = new();
    private int _count;

    public PendingForward Rent()
    {
        if (_items.TryDequeue(out PendingForward? item))
        {
            Interlocked.Decrement(ref _count);
            return item;
        }

        return new PendingForward();
    }

    public void Return(PendingForward item)
    {
        item.Reset();
        if (Interlocked.Increment(ref _count) <= capacity)
        {
            _items.Enqueue(item);
        }
        else
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
