using System.Net;

namespace RadiusDisconnectProxy.Routing;

/// <summary>
/// One NAS the proxy can act on, from a <c>nas NAME { … }</c> config entry or (later) from the RADIUSdesk database.
/// Matched on <see cref="NasIdentifier"/> or any of <see cref="Addresses"/> (NAS-IP-Address / NAS-IPv6-Address).
/// <see cref="Settings"/> holds what the driver of <see cref="Type"/> needs.
/// </summary>
public sealed record NasTarget
{
    public required string Name { get; init; }

    /// <summary>The NAS type's name as written in the config file (the list of types is <c>Drivers/NasTypes.cs</c>).</summary>
    public required string Type { get; init; }

    public string? NasIdentifier { get; init; }

    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    public required NasSettings Settings { get; init; }

    /// <summary>Where the entry came from, for logs: "radius.conf:42" or "radiusdesk:dynamic_clients#7".</summary>
    public string Source { get; init; } = "";
}

/// <summary>Per-type NAS settings; each driver casts to its own record.</summary>
public abstract record NasSettings;
