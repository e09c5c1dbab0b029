using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// Carries out one Disconnect-Request or CoA-Request on one NAS. A NAS type is one implementation plus one
/// registration (<see cref="Type"/> is the RADIUSdesk type name: <c>other</c>, <c>CoovaMeshdesk</c>, <c>Mikrotik-API</c>).
/// Drivers never see sockets of the listener; they must never throw for an expected failure (unreachable NAS,
/// timeout, refusal): they return a NAK result with the Error-Cause of README.md, Answers (RFC 5176 §3.5).
/// </summary>
public interface INasDriver
{
    /// <summary>The RADIUSdesk NAS type name this driver serves (case-sensitive, as in the config file).</summary>
    string Type { get; }

    ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken);
}
