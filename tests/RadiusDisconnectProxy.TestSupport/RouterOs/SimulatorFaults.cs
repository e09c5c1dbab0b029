using System.Collections.Concurrent;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

/// <summary>Switches a test flips to make the simulated router misbehave.</summary>
public sealed class SimulatorFaults
{
    private readonly ConcurrentDictionary<string, int> _drops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _silentDrops = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _fatals = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refusedRemoves = new(StringComparer.Ordinal);

    private volatile TaskCompletionSource _held = Released();

    /// <summary>Every reply after login waits this long (slow router).</summary>
    public TimeSpan ReplyDelay { get; set; }

    /// <summary>Connections beyond this many are closed right after accept ("max-sessions" of /ip/service).</summary>
    public int? MaxSessions { get; set; }

    /// <summary><c>/queue/simple/set</c> on a dynamic queue fails with "failure: can not change dynamic".</summary>
    public bool RefuseDynamicQueueSet { get; set; }

    /// <summary>The next <paramref name="count"/> commands with this path get half a reply and a closed socket.</summary>
    public void DropConnectionOn(string path, int count = 1) => _drops[path] = count;

    /// <summary>
    /// The next <paramref name="count"/> commands with this path close the socket without a byte of answer, as a
    /// connection looks whose router rebooted while it was idle.
    /// </summary>
    public void CloseSilentlyOn(string path, int count = 1) => _silentDrops[path] = count;

    /// <summary>The next <paramref name="count"/> commands with this path get <c>!fatal</c> and a closed socket.</summary>
    public void FatalOn(string path, int count = 1) => _fatals[path] = count;

    /// <summary>Removes on this path (e.g. "/ip/hotspot/active/remove") trap with the message until cleared.</summary>
    public void RefuseRemove(string path, string message = "failure: can not change dynamic") => _refusedRemoves[path] = message;

    public void ClearRefusedRemoves() => _refusedRemoves.Clear();

    /// <summary>Replies wait until <see cref="ReleaseReplies"/> (proves commands are in flight together).</summary>
    public void HoldReplies() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void ReleaseReplies() => _held.TrySetResult();

    internal Task RepliesReleased => _held.Task;

    internal bool TakeDrop(string path) => Take(_drops, path);

    internal bool TakeSilentDrop(string path) => Take(_silentDrops, path);

    internal bool TakeFatal(string path) => Take(_fatals, path);

    internal string? RefusedRemove(string path) => _refusedRemoves.TryGetValue(path, out string? message) ? message : null;

    private static TaskCompletionSource Released()
    {
        var released = new TaskCompletionSource();
        released.SetResult();
        return released;
    }

    private static bool Take(ConcurrentDictionary<string, int> counters, string path)
    {
        while (counters.TryGetValue(path, out int left) && left > 0)
        {
            if (counters.TryUpdate(path, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
