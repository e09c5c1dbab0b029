using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// Logged-in console sessions, kept in memory only (a restart logs everyone out). The cookie holds a 256-bit random
/// token; a session ends after <see cref="IdleTimeout"/> without a request, after <see cref="MaxLifetime"/> in any case,
/// or at logout. At most <see cref="MaxSessions"/> live at once; the oldest goes first.
/// </summary>
internal sealed class ConsoleSessions(TimeProvider time)
{
    public const string CookieName = "rdp_console";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromHours(12);
    private const int MaxSessions = 1000;

    private readonly ConcurrentDictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    public string Create(string user)
    {
        Prune();
        string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        DateTimeOffset now = time.GetUtcNow();
        _sessions[token] = new Session(user, now + MaxLifetime) { LastSeen = now };
        return token;
    }

    /// <summary>The user of a live session (its idle timer restarted), or null.</summary>
    public string? Touch(string? token)
    {
        if (token is null || !_sessions.TryGetValue(token, out Session? session))
        {
            return null;
        }

        DateTimeOffset now = time.GetUtcNow();
        if (now >= session.Expires || now - session.LastSeen >= IdleTimeout)
        {
            _sessions.TryRemove(token, out _);
            return null;
        }

        session.LastSeen = now;
        return session.User;
    }

    public void End(string? token)
    {
        if (token is not null)
        {
            _sessions.TryRemove(token, out _);
        }
    }

    private void Prune()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (KeyValuePair<string, Session> entry in _sessions)
        {
            if (now >= entry.Value.Expires || now - entry.Value.LastSeen >= IdleTimeout)
            {
                _sessions.TryRemove(entry.Key, out _);
            }
        }

        while (_sessions.Count >= MaxSessions)
        {
            KeyValuePair<string, Session> oldest = _sessions.MinBy(e => e.Value.LastSeen);
            _sessions.TryRemove(oldest.Key, out _);
        }
    }

    private sealed class Session(string user, DateTimeOffset expires)
    {
        public string User { get; } = user;
        public DateTimeOffset Expires { get; } = expires;
        public DateTimeOffset LastSeen { get; set; }
    }
}
