using System.Net;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Password guessing brake: after <see cref="MaxFailures"/> failed logins from one address within <see cref="Window"/>,
/// further attempts from it get HTTP 429 (RFC 6585 §4) until the oldest failure is a minute old, without the password
/// even being checked. Bounded: at most <see cref="MaxAddresses"/> addresses are remembered.
/// </summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxAddresses = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<IPAddress, Queue<DateTimeOffset>> _failures = [];

    /// <summary>Whether <paramref name="address"/> must wait; <paramref name="retryAfter"/> says how long.</summary>
    public bool IsBlocked(IPAddress address, out TimeSpan retryAfter)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            retryAfter = TimeSpan.Zero;
            if (!_failures.TryGetValue(address, out Queue<DateTimeOffset>? failures))
            {
                return false;
            }

            Expire(failures, now);
            if (failures.Count < MaxFailures)
            {
                return false;
            }

            retryAfter = failures.Peek() + Window - now;
            return true;
        }
    }

    public void Failed(IPAddress address)
    {
        DateTimeOffset now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_failures.TryGetValue(address, out Queue<DateTimeOffset>? failures))
            {
                if (_failures.Count >= MaxAddresses)
                {
                    foreach (KeyValuePair<IPAddress, Queue<DateTimeOffset>> entry in _failures.ToList())
                    {
                        Expire(entry.Value, now);
                        if (entry.Value.Count == 0)
                        {
                            _failures.Remove(entry.Key);
                        }
                    }
                }

                failures = new Queue<DateTimeOffset>();
                _failures[address] = failures;
            }

            Expire(failures, now);
            failures.Enqueue(now);
        }
    }

    public void Succeeded(IPAddress address)
    {
        lock (_gate)
        {
            _failures.Remove(address);
        }
    }

    private static void Expire(Queue<DateTimeOffset> failures, DateTimeOffset now)
    {
        while (failures.Count > 0 && now - failures.Peek() >= Window)
        {
            failures.Dequeue();
        }
    }
}
