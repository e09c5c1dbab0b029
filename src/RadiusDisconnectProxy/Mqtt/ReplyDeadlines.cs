namespace RadiusDisconnectProxy.Mqtt;

/// <summary>
/// The reply deadlines of every request waiting on nodes, behind one timer armed for the earliest one and only while a
/// request waits (docs/load-testing.md, "Slow paths"): a linked token source with <c>CancelAfter</c> per request was a
/// timer-queue entry, a token source and a registration each time. Under steady load it fires about once per reply
/// timeout; idle, never.
/// </summary>
internal static class ReplyDeadlines
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<ReplyWaiter> s_waiting = [];
    private static readonly Timer s_timer = new(static _ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    private static long s_armedFor = long.MaxValue;

    /// <summary>Completes <paramref name="waiter"/> with <see cref="ReplyWaitStatus.TimedOut"/> at its deadline unless removed first.</summary>
    public static void Add(ReplyWaiter waiter)
    {
        lock (s_lock)
        {
            s_waiting.Add(waiter);
            if (waiter.Deadline < s_armedFor)
            {
                s_armedFor = waiter.Deadline;
                s_timer.Change(Math.Max(waiter.Deadline - Environment.TickCount64, 1), Timeout.Infinite);
            }
        }
    }

    public static void Remove(ReplyWaiter waiter)
    {
        lock (s_lock)
        {
            s_waiting.Remove(waiter);
        }
    }

    private static void Expire()
    {
        List<ReplyWaiter>? expired = null;
        lock (s_lock)
        {
            long now = Environment.TickCount64;
            long next = long.MaxValue;
            foreach (ReplyWaiter waiter in s_waiting)
            {
                if (waiter.Deadline <= now)
                {
                    (expired ??= []).Add(waiter);
                }
                else if (waiter.Deadline < next)
                {
                    next = waiter.Deadline;
                }
            }

            expired?.ForEach(w => s_waiting.Remove(w));
            s_armedFor = next;
            if (next != long.MaxValue)
            {
                s_timer.Change(Math.Max(next - now, 1), Timeout.Infinite);
            }
        }

        // Outside the lock: each timed-out request continues here.
        expired?.ForEach(static w => w.TryComplete(new ReplyWaitResult(ReplyWaitStatus.TimedOut, null)));
    }
}
