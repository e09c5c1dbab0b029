using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

/// <summary>Builds NAS entries for simulators and requests as the pipeline would hand them to the driver.</summary>
internal static class MikrotikTestContext
{
    public static NasTarget Nas(RouterOsSimulator router, string name = "hq", Func<MikrotikNasSettings, MikrotikNasSettings>? adjust = null)
    {
        var settings = new MikrotikNasSettings
        {
            ApiHost = router.Host,
            ApiPort = router.Port,
            ApiUsername = router.Options.Username,
            ApiPassword = router.Options.Password,
        };
        return new NasTarget { Name = name, Type = MikrotikNasType.TypeName, Settings = adjust is null ? settings : adjust(settings) };
    }

    /// <summary>Generous timeouts: the test machine is shared and loaded; deadlines under test are set per request.</summary>
    public static MikrotikClientCache Clients() => new() { ConnectTimeout = TimeSpan.FromSeconds(10), CommandTimeout = TimeSpan.FromSeconds(15) };

    public static MikrotikDriver Driver(MikrotikClientCache clients, IRouterCoaForwarder? forwarder = null)
        => new(clients, NullLogger<MikrotikDriver>.Instance, forwarder);

    public static DynamicAuthorizationRequest Disconnect(SessionKeys keys) => Request(RadiusCode.DisconnectRequest, keys);

    public static DynamicAuthorizationRequest Coa(SessionKeys keys, Func<DynamicAuthorizationRequest, DynamicAuthorizationRequest> with)
        => with(Request(RadiusCode.CoaRequest, keys));

    private static DynamicAuthorizationRequest Request(RadiusCode code, SessionKeys keys) => new()
    {
        Code = code,
        Keys = keys,
        Packet = new byte[20],
        ClientSecret = "testing123"u8.ToArray(),
        Client = new IPEndPoint(IPAddress.Loopback, 50000),
        ClientName = "local",
    };

    /// <summary>A deadline like the pipeline's per-request one.</summary>
    public static CancellationToken Deadline(double seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
