using System.Globalization;
using System.Net;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Drivers.Mikrotik;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.TestSupport.RouterOs;
using static RadiusDisconnectProxy.Tests.Mikrotik.MikrotikTestContext;

namespace RadiusDisconnectProxy.Tests.Mikrotik;

public sealed class MikrotikScaleTests
{
    private const int Routers = 100;
    private const int SessionsPerTable = 5;

    [Fact]
    public async Task Concurrent_Removals_On_100_Routers_Are_All_Answered_With_Pooled_Logins_Only()
    {
        RouterOsSimulator[] routers = Enumerable.Range(0, Routers).Select(_ => new RouterOsSimulator()).ToArray();
        try
        {
            var work = new List<(NasTarget Nas, SessionKeys Keys)>();
            for (int r = 0; r < Routers; r++)
            {
                NasTarget nas = Nas(routers[r], "router" + r.ToString(CultureInfo.InvariantCulture));
                for (int s = 0; s < SessionsPerTable; s++)
                {
                    string suffix = s.ToString("X2", CultureInfo.InvariantCulture);
                    routers[r].AddHotspotSession("hs" + s, "AA:BB:CC:DD:EE:" + suffix, "10.5.50." + (s + 10));
                    routers[r].AddHotspotCookie("hs" + s, "AA:BB:CC:DD:EE:" + suffix);
                    routers[r].AddPppSession("ppp" + s, "AA:BB:CC:00:00:" + suffix, "10.9.0." + (s + 10), "0x810000" + suffix);
                    work.Add((nas, new SessionKeys { CallingStationId = "aa-bb-cc-dd-ee-" + suffix }));
                    work.Add((nas, new SessionKeys { UserName = "ppp" + s, FramedIpAddress = IPAddress.Parse("10.9.0." + (s + 10)) }));
                }
            }

            await using var clients = Clients();
            MikrotikDriver driver = Driver(clients);
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));

            DriverResult[] results = await Task.WhenAll(work.Select(w => driver.ExecuteAsync(Disconnect(w.Keys), w.Nas, deadline.Token).AsTask()));

            Assert.All(results, r => Assert.True(r.IsAck, r.Detail));
            Assert.All(routers, r =>
            {
                Assert.Equal(0, r.HotspotActive.Count);
                Assert.Equal(0, r.PppActive.Count);
                Assert.Equal(0, r.HotspotCookies.Count);
                Assert.InRange(r.LoginCount, 1, 2);
            });
        }
        finally
        {
            await Task.WhenAll(routers.Select(r => r.DisposeAsync().AsTask()));
        }
    }
}
