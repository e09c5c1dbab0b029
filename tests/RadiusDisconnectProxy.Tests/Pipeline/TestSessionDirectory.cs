using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.Pipeline;

/// <summary>A session directory that answers what the test says (the real one is the db branch's MariaDB store).</summary>
internal sealed class TestSessionDirectory(SessionLookupResult result) : ISessionDirectory
{
    public int Lookups { get; private set; }

    public async ValueTask<SessionLookupResult> FindSessionsAsync(SessionKeys keys, CancellationToken cancellationToken)
    {
        Lookups++;
        await Task.Yield();
        return result;
    }
}
