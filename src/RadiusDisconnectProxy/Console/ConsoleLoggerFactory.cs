using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace RadiusDisconnectProxy.WebConsole;

/// <summary>
/// The daemon's logging for the console's web application, without that application's own lifetime chatter ("Application
/// started. Press Ctrl+C…", content root): the daemon's host already reports start and stop, and the console logs its
/// own listening address (event 7000).
/// </summary>
internal sealed class ConsoleLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.Hosting.Lifetime", StringComparison.Ordinal) ? NullLogger.Instance : inner.CreateLogger(categoryName);

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    // The daemon owns (and disposes) the inner factory.
    public void Dispose()
    {
    }
}
