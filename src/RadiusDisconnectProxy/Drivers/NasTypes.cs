using System.Collections.Frozen;
using RadiusDisconnectProxy.Drivers.AccelRadiusdesk;
using RadiusDisconnectProxy.Drivers.Coova;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.MikrotikRest;
using RadiusDisconnectProxy.Drivers.PrivatePsk;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Drivers;

/// <summary>
/// The NAS types of this build, in the order <c>check-config</c> and error messages list them. Adding a type is one
/// line here plus its folder (docs/adding-a-nas-type.md).
/// </summary>
internal sealed class NasTypes
{
    public static NasTypes Builtin { get; } = new([
        new ForwardingNasType(),
        new CoovaNasType(),
        new MikrotikNasType(),
        new MikrotikRestNasType(),
        new PrivatePskNasType(),
        new AccelNasType(),
    ]);

    private readonly FrozenDictionary<string, NasType> _byName;

    public NasTypes(IReadOnlyList<NasType> types)
    {
        All = types;
        _byName = types.ToFrozenDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<NasType> All { get; }

    /// <summary>This list with <paramref name="more"/> appended (tests add their example type this way).</summary>
    public NasTypes With(params NasType[] more) => new([.. All, .. more]);

    /// <summary>The type of a NAS (every <see cref="NasTarget"/> was built by one of these types).</summary>
    public NasType Of(NasTarget nas) => _byName[nas.Type];

    public NasType? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The type a RADIUSdesk <c>type</c> column value maps to, or null (the proxy cannot act on it).</summary>
    public NasType? ForDatabaseType(string type) => All.FirstOrDefault(t => t.MatchesDatabaseType(type));
}
