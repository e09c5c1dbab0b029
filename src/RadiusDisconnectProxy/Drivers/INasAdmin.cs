using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// The operator's tools for one NAS type (<c>nas test</c>, <c>sessions list|kick</c>, and the web console), offered
/// by a type whose <see cref="NasType.Capabilities"/> include <see cref="NasCapabilities.ConnectionTest"/> or
/// <see cref="NasCapabilities.SessionListing"/>. Failures of the NAS are thrown as <see cref="NasAdminException"/>
/// with a message fit for the operator (never a secret).
/// </summary>
public interface INasAdmin
{
    /// <summary>Connects and logs in; returns what the NAS reports about itself (name/value pairs, in its order).</summary>
    Task<IReadOnlyList<KeyValuePair<string, string>>> TestConnectionAsync(NasTarget nas, CancellationToken cancellationToken);

    Task<IReadOnlyList<NasSession>> ListSessionsAsync(NasTarget nas, CancellationToken cancellationToken);

    /// <summary>Ends every session <paramref name="selector"/> matches; returns them (empty: nothing matched).</summary>
    Task<IReadOnlyList<NasSession>> KickAsync(NasTarget nas, SessionSelector selector, CancellationToken cancellationToken);
}

/// <summary>One active session as a NAS lists it; <see cref="Id"/> is the NAS's own handle (for <c>--id</c>).</summary>
/// <param name="Kind">What kind of session it is on the NAS, for messages ("hotspot", "ppp").</param>
public sealed record NasSession(string Id, string Kind, string? User, string? Address, string? Mac, string? Uptime, string? Service);

/// <summary>Which sessions to kick: exactly one of the four is set.</summary>
public sealed record SessionSelector(string? User = null, string? Mac = null, IPAddress? Address = null, string? Id = null);

/// <summary>The NAS failed or refused an operator request; <see cref="Exception.Message"/> says why.</summary>
public sealed class NasAdminException : Exception
{
    public NasAdminException()
    {
    }

    public NasAdminException(string message)
        : base(message)
    {
    }

    public NasAdminException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
