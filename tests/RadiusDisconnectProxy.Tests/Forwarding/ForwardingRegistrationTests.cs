using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;

namespace RadiusDisconnectProxy.Tests.Forwarding;

public sealed class ForwardingRegistrationTests
{
    [Fact]
    public async Task AddForwarding_RegistersTheOtherDriverAndASharedForwarder()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        new ForwardingNasType().AddServices(services, new ProxyOptions());
        await using ServiceProvider provider = services.BuildServiceProvider();

        INasDriver driver = Assert.Single(provider.GetServices<INasDriver>());
        Assert.Equal("other", driver.Type);
        Assert.Same(provider.GetRequiredService<RadiusForwarder>(), provider.GetRequiredService<RadiusForwarder>());
        Assert.NotNull(provider.GetRequiredService<ILogger<RadiusForwarder>>());
    }
}
