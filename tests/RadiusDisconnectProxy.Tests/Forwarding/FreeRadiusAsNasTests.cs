using Microsoft.Extensions.Logging.Abstractions;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.Radius;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Forwarding;

/// <summary>
/// The forwarder against a real peer: Debian's FreeRADIUS 3.2.1 as the DAS. It verifies our re-signed request
/// (Request Authenticator and Message-Authenticator with the NAS secret) and answers ACK with a Message-Authenticator
/// computed over a zeroed authenticator (reference A.5): rejected by default, accepted with
/// accept_zeroed_message_authenticator.
/// </summary>
[Trait("Category", "RealService")]
public sealed class FreeRadiusAsNasTests
{
    private static readonly RetransmissionTimers s_shortTimers = new(TimeSpan.FromMilliseconds(100), 3, TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));

    [Theory]
    [InlineData(RadiusCode.DisconnectRequest)]
    [InlineData(RadiusCode.CoaRequest)]
    public async Task ZeroedMessageAuthenticatorOfFreeRadius321_AcceptedOnlyWhenConfigured(RadiusCode code)
    {
        await using FreeRadiusCoaProxy das = await FreeRadiusCoaProxy.StartAsync(new FreeRadiusCoaProxyOptions
        {
            AnswerItself = true,
            ClientSecret = ForwardingRequests.NasSecret,
        });
        await using var forwarder = new RadiusForwarder(ForwardingOptions.Default, ShippedDictionary.Instance, NullLogger<RadiusForwarder>.Instance);
        var strict = new ForwardingTarget(das.Endpoint, ForwardingRequests.NasSecret) { Timers = s_shortTimers };
        var lenient = new ForwardingTarget(das.Endpoint, ForwardingRequests.NasSecret)
        {
            Timers = s_shortTimers,
            AcceptZeroedMessageAuthenticator = true,
        };

        DriverResult rejected = await forwarder.ForwardAsync(ForwardingRequests.Create(code, identifier: 1), strict, CancellationToken.None);
        DriverResult accepted = await forwarder.ForwardAsync(ForwardingRequests.Create(code, identifier: 2), lenient, CancellationToken.None);

        Assert.Equal(ErrorCause.OtherProxyProcessingError, rejected.ErrorCause);
        Assert.True(forwarder.GetStatistics(strict)!.BadAuthenticators >= 1);
        Assert.True(accepted.IsAck, accepted.Detail + das.Output);
    }
}
