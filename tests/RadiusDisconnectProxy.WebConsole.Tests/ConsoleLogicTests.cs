using System.Net;
using RadiusDisconnectProxy.Audit;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Routing;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.TestSupport.Diagnostics;

namespace RadiusDisconnectProxy.WebConsole.Tests;

/// <summary>Fast checks of the console's own logic: password hashes, the login brake, the request feed and its statistics.</summary>
public sealed class ConsoleLogicTests
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 7, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public void PasswordHash_RoundTrips_RejectsOtherPasswords_AndNeverPrintsItself()
    {
        AdminPasswordHash hash = AdminPasswordHash.Create("pw one", 100_000);
        Assert.True(AdminPasswordHash.TryParse(hash.Encode(), out AdminPasswordHash parsed, out _));

        Assert.True(parsed.Verify("pw one"));
        Assert.False(parsed.Verify("pw two"));
        Assert.Equal("***", hash.ToString());
        Assert.False(AdminPasswordHash.TryParse("plain", out _, out _));
        Assert.False(AdminPasswordHash.TryParse("$pbkdf2-sha256$i=1000$AAAAAAAAAAA=$AAAAAAAAAAAAAAAAAAAAAA==", out _, out string reason));
        Assert.Contains("below", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void LoginThrottle_BlocksAfterFiveFailuresWithinAMinute_PerAddress_UntilTheyAge()
    {
        var time = new ManualTimeProvider(s_start);
        var throttle = new LoginThrottle(time);
        IPAddress a = IPAddress.Parse("192.0.2.1"), b = IPAddress.Parse("192.0.2.2");
        for (int i = 0; i < 4; i++)
        {
            throttle.Failed(a);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.False(throttle.IsBlocked(a, out _));
        throttle.Failed(a);
        Assert.True(throttle.IsBlocked(a, out TimeSpan retry));
        Assert.Equal(TimeSpan.FromSeconds(40), retry);
        Assert.False(throttle.IsBlocked(b, out _));
        time.Advance(TimeSpan.FromSeconds(40));
        Assert.False(throttle.IsBlocked(a, out _));
    }

    [Fact]
    public void Feed_KeepsTheNewestFirst_AndCountsPerMinuteResultAndNas()
    {
        var time = new ManualTimeProvider(s_start);
        var feed = new RequestFeed(time);
        feed.Observe(Event(time, "u1", "hq", ack: true, cause: null, ms: 3));
        time.Advance(TimeSpan.FromMinutes(1));
        feed.Observe(Event(time, "u2", "hq,ap7", ack: false, cause: ErrorCause.SessionContextNotFound, ms: 40));
        feed.Observe(Event(time, "u3", "ap7", ack: false, cause: ErrorCause.ResourcesUnavailable, ms: 5000));

        Assert.Equal(["u3", "u2", "u1"], feed.Newest(10).Select(e => e.Keys!.UserName));
        Assert.Equal(["u3"], feed.Newest(1).Select(e => e.Keys!.UserName));
        FeedStatistics stats = feed.Statistics();
        Assert.Equal(60, stats.Minutes.Count);
        Assert.Equal(2, stats.Minutes[^1].Requests);
        Assert.Equal(1, stats.Minutes[^2].Requests);
        Assert.Equal(1, stats.Minutes[^2].Acks);
        Assert.Contains(stats.Results, r => r.IsAck && r.ErrorCause is null && r.Count == 1);
        Assert.Contains(stats.Results, r => !r.IsAck && r.ErrorCause == ErrorCause.SessionContextNotFound && r.Count == 1);
        Assert.InRange(stats.Minutes[^2].P50Ms!.Value, 3, 3 * 1.5);
        Assert.InRange(stats.P99Ms!.Value, 5000, 5000 * 1.5);
        Assert.Equal(ErrorCause.SessionContextNotFound, feed.Activity("hq")!.LastErrorCause);
        Assert.Equal(ErrorCause.ResourcesUnavailable, feed.Activity("ap7")!.LastErrorCause);
        Assert.Null(feed.Activity("other"));

        // An hour later the old minutes have left the window.
        time.Advance(TimeSpan.FromMinutes(60));
        Assert.Equal(0, feed.Statistics().Minutes.Sum(m => m.Requests));
    }

    [Fact]
    public void Feed_Ring_HoldsAtMostItsCapacity()
    {
        var time = new ManualTimeProvider(s_start);
        var feed = new RequestFeed(time);
        for (int i = 0; i < RequestFeed.Capacity + 10; i++)
        {
            feed.Observe(Event(time, "u" + i, "hq", ack: true, cause: null, ms: 1));
        }

        IReadOnlyList<AuditEvent> all = feed.Newest(int.MaxValue);
        Assert.Equal(RequestFeed.Capacity, all.Count);
        Assert.Equal("u" + (RequestFeed.Capacity + 9), all[0].Keys!.UserName);
    }

    [Fact]
    public void WithoutAnAdminSection_TheConsoleRegistersNothing_WithOne_ItObservesTheAuditPath()
    {
        var off = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        off.AddWebConsole(new ProxyOptions());
        var on = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        on.AddWebConsole(new ProxyOptions
        {
            Admin = new AdminOptions { Username = "admin", PasswordHash = AdminPasswordHash.Create("pw", 100_000) },
        });

        Assert.Empty(off);
        Assert.Contains(on, d => d.ServiceType == typeof(IAuditObserver));
        Assert.Contains(on, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
    }

    private static AuditEvent Event(TimeProvider time, string user, string nas, bool ack, ErrorCause? cause, double ms) =>
        new(time.GetUtcNow(), "local", new IPEndPoint(IPAddress.Loopback, 1000), RadiusCode.DisconnectRequest, 1,
            new SessionKeys { UserName = user }, nas, ack, cause, TimeSpan.FromMilliseconds(ms), null);
}
