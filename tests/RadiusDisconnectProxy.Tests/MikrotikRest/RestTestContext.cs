using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Drivers.MikrotikRest;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;

namespace RadiusDisconnectProxy.Tests.MikrotikRest;

/// <summary>NAS entries for REST-served simulators and requests as the pipeline hands them to the driver.</summary>
internal static class RestTestContext
{
    public static NasTarget Nas(RouterOsSimulator router, string name = "r7", Func<MikrotikRestNasSettings, MikrotikRestNasSettings>? adjust = null)
    {
        var settings = new MikrotikRestNasSettings
        {
            ApiHost = router.Host,
            ApiPort = router.RestHttpsPort,
            ApiTls = true,
            ApiTlsFingerprint = SelfSignedCertificate.Sha256Fingerprint(router.RestCertificate!),
            ApiUsername = router.Options.Username,
            ApiPassword = router.Options.Password,
        };
        return new NasTarget { Name = name, Type = MikrotikRestDriver.TypeName, Settings = adjust is null ? settings : adjust(settings) };
    }

    public static RestClientCache Clients() => new() { ConnectTimeout = TimeSpan.FromSeconds(10), RequestTimeout = TimeSpan.FromSeconds(15) };

    public static MikrotikRestDriver Driver(RestClientCache clients, IRouterCoaForwarder? forwarder = null)
        => new(clients, NullLogger<MikrotikRestDriver>.Instance, forwarder);

    public static DynamicAuthorizationRequest Disconnect(SessionKeys keys, bool ethernet = false, bool framedPpp = false)
        => Request(RadiusCode.DisconnectRequest, keys, ethernet, framedPpp);

    public static DynamicAuthorizationRequest Coa(SessionKeys keys, Func<DynamicAuthorizationRequest, DynamicAuthorizationRequest> with)
        => with(Request(RadiusCode.CoaRequest, keys, false));

    private static DynamicAuthorizationRequest Request(RadiusCode code, SessionKeys keys, bool ethernet, bool framedPpp = false)
    {
        byte[] packet = new byte[64];
        var writer = new RadiusPacketWriter(packet, code, 1);
        if (ethernet)
        {
            writer.AddUInt32(RadiusAttributeType.NasPortType, 15);
        }

        if (framedPpp)
        {
            writer.AddUInt32(RadiusAttributeType.FramedProtocol, 1);
        }

        return new DynamicAuthorizationRequest
        {
            Code = code,
            Keys = keys,
            Packet = writer.Written.ToArray(),
            ClientSecret = "testing123"u8.ToArray(),
            Client = new IPEndPoint(IPAddress.Loopback, 50000),
            ClientName = "local",
        };
    }

    public static CancellationToken Deadline(double seconds = 30) => new CancellationTokenSource(TimeSpan.FromSeconds(seconds)).Token;
}
