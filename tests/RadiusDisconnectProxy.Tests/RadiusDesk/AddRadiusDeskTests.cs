using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.RadiusDesk;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Tests.RadiusDesk;

public sealed class AddRadiusDeskTests
{
    [Fact]
    public void WithoutRadiusDeskSection_RegistersNothing()
    {
        var services = new ServiceCollection();

        services.AddRadiusDesk(new ProxyOptions());

        Assert.Empty(services);
    }

    [Fact]
    public void RedactedConnectionString_HidesThePassword()
    {
        string redacted = RadiusDeskDatabase.Redact("Server=db.example;Database=rd;User ID=rdproxy;Password=hunter2;");

        Assert.DoesNotContain("hunter2", redacted, StringComparison.Ordinal);
        Assert.Contains("***", redacted, StringComparison.Ordinal);
        Assert.Contains("db.example", redacted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithSection_RegistersSessionDirectoryWithoutConnecting()
    {
        var services = new ServiceCollection();
        services.AddRadiusDesk(new ProxyOptions
        {
            RadiusDesk = new RadiusDeskOptions { ConnectionString = "Server=127.0.0.1;Port=1;Database=rd;User ID=x;Password=y" },
        });

        await using ServiceProvider provider = services.BuildServiceProvider();

        Assert.IsType<RadiusDeskSessionDirectory>(provider.GetRequiredService<ISessionDirectory>());
    }
}
