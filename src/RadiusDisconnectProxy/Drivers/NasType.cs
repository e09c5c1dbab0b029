using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// Everything the generic code knows about one NAS type (docs/adding-a-nas-type.md). One subclass per
/// <c>Drivers/&lt;Type&gt;/</c> folder, listed once in <see cref="NasTypes"/>; the config reader, the RADIUSdesk resolver,
/// the executor, the shutdown drain, <c>check-config</c>, the CLI and the console reach a type only through this.
/// </summary>
internal abstract class NasType : INasSectionType
{
    /// <summary>The value of <c>type =</c> in radius.conf and of RADIUSdesk's <c>type</c> column.</summary>
    public abstract string Name { get; }

    /// <summary>Further RADIUSdesk <c>type</c> values that map to this type (matched case-insensitively).</summary>
    public virtual IReadOnlyCollection<string> DatabaseAliases => [];

    public abstract NasCapabilities Capabilities { get; }

    public abstract IReadOnlyCollection<string> ConfigKeys { get; }

    public abstract NasSettings ReadSettings(NasSection section);

    /// <summary>
    /// The settings for a RADIUSdesk <c>dynamic_clients</c> / <c>nas</c> row (with its settings rows) of this type, or the
    /// reason it cannot be used (logged; its sessions get NAK 502). <paramref name="connection"/> is open, for types
    /// whose target needs more rows.
    /// </summary>
    public abstract ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
        DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// The longest a request on a NAS of this type can take (<paramref name="settings"/> null: a NAS of this type found
    /// in the database), for the shutdown drain. Zero when the driver never outlasts the executor's deadline.
    /// </summary>
    public virtual TimeSpan LongestDuration(NasSettings? settings, ProxyOptions options) => TimeSpan.Zero;

    /// <summary>How long the executor lets one driver call run before it answers NAK 506.</summary>
    public virtual TimeSpan Deadline(NasSettings settings, TimeSpan driverTimeout) => driverTimeout;

    /// <summary>
    /// True when the driver ends every call by its own timers before <see cref="Deadline"/> and honours cancellation:
    /// the executor then spares the per-request deadline timer.
    /// </summary>
    public virtual bool BoundsItself(NasSettings settings) => false;

    /// <summary>The target part of the <c>check-config</c> line ("RFC 5176 192.0.2.1:3799"); never a secret.</summary>
    public abstract string Describe(NasSettings settings);

    /// <summary>Registers the type's driver (an <see cref="INasDriver"/> whose <see cref="INasDriver.Type"/> is <see cref="Name"/>).</summary>
    public abstract void AddServices(IServiceCollection services, ProxyOptions options);

    /// <summary>The operator's tools, for a type with <see cref="NasCapabilities.ConnectionTest"/> or <see cref="NasCapabilities.SessionListing"/>.</summary>
    public virtual INasAdmin? CreateAdmin() => null;

    public bool Can(NasCapabilities capability) => (Capabilities & capability) == capability;

    /// <summary>Whether a RADIUSdesk <c>type</c> value means this type.</summary>
    public bool MatchesDatabaseType(string type) =>
        string.Equals(type, Name, StringComparison.OrdinalIgnoreCase)
        || DatabaseAliases.Contains(type, StringComparer.OrdinalIgnoreCase);
}

/// <summary>A RADIUSdesk row's settings for a type, or why there are none.</summary>
internal readonly record struct DatabaseMapping(NasSettings? Settings, string? Problem)
{
    public static DatabaseMapping Of(NasSettings settings) => new(settings, null);

    public static DatabaseMapping Unusable(string problem) => new(null, problem);
}
