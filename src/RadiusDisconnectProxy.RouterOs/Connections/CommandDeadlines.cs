namespace RadiusDisconnectProxy.RouterOs.Connections;

/// <summary>
/// The deadlines of every running command of every connection, behind one timer. A timer per command (a linked
/// token source with <c>CancelAfter</c> and a <c>WaitAsync</c>) cost a timer-queue entry and a thread-pool hop per
/// command; here the timer is armed for the earliest deadline only, and only while a command runs: under steady load
/// it fires about once per command timeout, at idle never (docs/load-testing.md).
/// </summary>
internal static class CommandDeadlines
{
    private static readonly Lock s_lock = new();
    private static readonly HashSet<PendingCommand> s_running = [];
    private static readonly Timer s_timer = new(static _ => Expire(), null, Timeout.Infinite, Timeout.Infinite);
    private static long s_armedFor = long.MaxValue;

    /// <summary>Times <paramref name="command"/> out (<see cref="PendingCommand.TimeOut"/>) at its deadline unless removed first.</summary>
    public static void Add(PendingCommand command)
    {
        lock (s_lock)
        {
            s_running.Add(command);
            if (command.Deadline < s_armedFor)
            {
                Arm(command.Deadline);
            }
        }
    }

    public static void Remove(PendingCommand command)
    {
        lock (s_lock)
        {
            s_running.Remove(command);
        }
    }

    private static void Arm(long deadline)
    {
        s_armedFor = deadline;
        s_timer.Change(Math.Max(deadline - Environment.TickCount64, 1), Timeout.Infinite);
    }

    private static void Expire()
    {
        List<PendingCommand>? expired = null;
        lock (s_lock)
        {
            long now = Environment.TickCount64;
            long next = long.MaxValue;
            foreach (PendingCommand command in s_running)
            {
                if (command.Deadline <= now)
                {
                    (expired ??= []).Add(command);
                }
                else if (command.Deadline < next)
                {
                    next = command.Deadline;
                }
            }

            if (expired is not null)
            {
                foreach (PendingCommand command in expired)
                {
                    s_running.Remove(command);
                }
            }

            s_armedFor = long.MaxValue;
            if (next != long.MaxValue)
            {
                Arm(next);
            }
        }

        // Outside the lock: a timed-out command's continuation runs here.
        if (expired is not null)
        {
            foreach (PendingCommand command in expired)
            {
                command.TimeOut();
            }
        }
    }
}
