using RadiusDisconnectProxy.Drivers.Forwarding;
using RadiusDisconnectProxy.Forwarder;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Hosting;
using RadiusDisconnectProxy.Routing;
using Serilog;

namespace RadiusDisconnectProxy.Tests.Hosting;

/// <summary>The host's exit codes and shutdown behaviour, with test hosted services standing in for the real ones.</summary>
public class ProxyHostTests
{
    private static readonly ILogger s_silent = new LoggerConfiguration().CreateLogger();

    [Fact]
    public async Task CleanStop_Exit0_AfterStopAsyncOfEveryServiceCompleted()
    {
        var draining = new DrainingService();
        using IHost host = ProxyHost.Build(new ProxyOptions(), s_silent, s => s.AddSingleton<IHostedService>(draining).AddHostedService<StopAfterStart>());

        int exitCode = await ProxyHost.RunAsync(host).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(draining.Drained);
    }

    [Fact]
    public async Task CrashedBackgroundService_Exit1()
    {
        using IHost host = ProxyHost.Build(new ProxyOptions(), s_silent, s => s.AddHostedService<CrashingService>());

        int exitCode = await ProxyHost.RunAsync(host).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public async Task FailedStart_Exit1()
    {
        using IHost host = ProxyHost.Build(new ProxyOptions(), s_silent, s => s.AddHostedService<FailingStart>());

        int exitCode = await ProxyHost.RunAsync(host).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
    }

    [Fact]
    public void ShutdownTimeout_CoversTheLongestDriverDeadline()
    {
        var nas = new NasTarget
        {
            Name = "slow",
            Type = "other",
            Settings = new ForwardingNasSettings
            {
                CoaEndpoint = new IPEndPoint(IPAddress.Loopback, 3799),
                Secret = "s",
                Timers = RetransmissionTimers.Default with { Mrd = TimeSpan.FromSeconds(60) },
            },
        };
        using IHost host = ProxyHost.Build(new ProxyOptions { Nases = [nas] }, s_silent);

        HostOptions options = host.Services.GetRequiredService<IOptions<HostOptions>>().Value;

        Assert.Equal(TimeSpan.FromSeconds(65), options.ShutdownTimeout);
        Assert.Equal(BackgroundServiceExceptionBehavior.StopHost, options.BackgroundServiceExceptionBehavior);
        Assert.Same(host.Services.GetRequiredService<ProxyOptions>().Nases[0], nas);
    }

    [Fact]
    public void ShutdownTimeout_IsAtLeast35Seconds()
    {
        using IHost host = ProxyHost.Build(new ProxyOptions(), s_silent);
        Assert.Equal(TimeSpan.FromSeconds(35), host.Services.GetRequiredService<IOptions<HostOptions>>().Value.ShutdownTimeout);
    }

    private sealed class StopAfterStart(IHostApplicationLifetime lifetime) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            lifetime.ApplicationStarted.Register(lifetime.StopApplication);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>Like the pipeline: StopAsync waits for work in flight before the host may exit.</summary>
    private sealed class DrainingService : IHostedService
    {
        public bool Drained { get; private set; }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task StopAsync(CancellationToken cancellationToken)
        {
            await Task.Delay(100, cancellationToken);
            Drained = true;
        }
    }

    private sealed class CrashingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("receive loop failed");
        }
    }

    private sealed class FailingStart : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) =>
            throw new InvalidOperationException("cannot bind 127.0.0.1:3799: address already in use");

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
