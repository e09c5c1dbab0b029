using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Listener;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Tests.Pipeline;
using static RadiusDisconnectProxy.Tests.Pipeline.TestPackets;

namespace RadiusDisconnectProxy.Tests.EndToEnd;

/// <summary>What the running daemon writes to its log: one audit event per answer, rate-limited drops, no secrets.</summary>
public class AuditAndLoggingTests
{
    private const string S = TestOptions.Secret;

    private static async Task<(IHost Host, IPEndPoint EndPoint)> StartAsync(CapturingLoggerProvider logs, ProxyOptions options)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddSingleton(TestNasType.All);
        builder.Services.AddSingleton<INasDriver>(new TestDriver());
        builder.Services.AddPipeline(options);
        builder.Services.AddListener();
        IHost host = builder.Build();
        await host.StartAsync();
        return (host, host.Services.GetRequiredService<UdpListener>().LocalEndPoints[0]);
    }

    [Fact]
    public async Task EveryAnswerIsAudited_DropsAreRateLimited_NoSecretIsLogged()
    {
        var logs = new CapturingLoggerProvider();
        (IHost host, IPEndPoint endPoint) = await StartAsync(logs, TestOptions.Create());
        using var client = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        for (byte id = 0; id < 3; id++)
        {
            await client.SendAsync(Disconnect(id, S, true, UserName("alice"), Text(Radius.Attributes.RadiusAttributeType.AcctSessionId, "sess-" + id), NasIdentifier("nas1")), endPoint);
            await client.ReceiveAsync(timeout.Token);
        }

        for (byte id = 0; id < 50; id++)
        {
            await client.SendAsync(Disconnect(id, "forged", true, UserName("mallory")), endPoint);
        }

        await client.SendAsync(Disconnect(100, S, true, UserName("bob"), NasIdentifier("nas1")), endPoint);
        await client.ReceiveAsync(timeout.Token); // the forged ones were processed before this answer
        await host.StopAsync();
        host.Dispose();

        var audit = logs.Events.Where(e => e.Category == "RadiusDisconnectProxy.Audit").ToList();
        Assert.Equal(4, audit.Count);
        Assert.All(audit, e => Assert.Equal(RadiusDisconnectProxy.Logging.EventIds.Audit.Answered, e.Id.Id));
        var first = audit[0].Fields.ToDictionary(f => f.Key, f => f.Value);
        Assert.Equal("local", first["Client"]);
        Assert.Equal("nas1", first["Nas"]);
        Assert.Equal("ACK", first["Result"]);
        Assert.Equal("alice", first["UserName"]);
        Assert.Equal("sess-0", first["AcctSessionId"]);

        int dropLines = logs.Events.Count(e => e.Id.Id == RadiusDisconnectProxy.Logging.EventIds.Pipeline.Dropped);
        Assert.InRange(dropLines, 1, LogRateLimiter.PerSecond * 2);
        Assert.DoesNotContain(logs.Events, e => e.Message.Contains(S, StringComparison.Ordinal) || e.Message.Contains("forged", StringComparison.Ordinal));
    }
}
