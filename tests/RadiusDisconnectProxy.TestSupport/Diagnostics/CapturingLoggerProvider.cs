using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace RadiusDisconnectProxy.TestSupport.Diagnostics;

/// <summary>
/// Keeps every log event (category, event id, level, formatted message, structured fields, exception) so tests can
/// assert what was, and was not, logged.
/// </summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    public ConcurrentQueue<(string Category, EventId Id, LogLevel Level, string Message, IReadOnlyList<KeyValuePair<string, object?>> Fields, Exception? Exception)> Events { get; } = new();

    /// <summary>Every event as one line, <c>Level EventId message exception</c>, in the order logged.</summary>
    public IEnumerable<string> Lines => Events.Select(e => $"{e.Level} {e.Id.Id} {e.Message} {e.Exception}");

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Events.Enqueue((category, eventId, logLevel, formatter(state, exception),
                state as IReadOnlyList<KeyValuePair<string, object?>> ?? [], exception));
    }
}
