using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.RadSec;
using RadiusDisconnectProxy.TestSupport.RadSec;

namespace RadiusDisconnectProxy.Tests.RadSec;

/// <summary>
/// A SIGHUP reload's RadSec step on the real listener (docs/radsec.md, "Reload"): open connections of a removed client
/// close after their requests in flight are answered, unchanged clients keep their state and connections, a changed
/// certificate_subject retires the connections it no longer accepts, and renewed certificate files serve new handshakes.
/// </summary>
public class RadSecReloadTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    private static (byte, string)[] User(string name) => [(RadiusAttributeType.UserName, name), (RadiusAttributeType.NasIdentifier, "nas1")];

    [Fact]
    public async Task RemovedClient_ConnectionClosesAfterItsRequestsInFlightAreAnswered_AndNewHandshakesAreRefused()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        var release = new TaskCompletionSource();
        host.Driver.HoldUntil(release.Task, DriverResult.Ack("done"));
        await using RadSecTestClient client = await host.ConnectAsync();
        var requests = new Dictionary<byte, byte[]>();
        for (int i = 0; i < 3; i++)
        {
            byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, User("user" + i));
            requests.Add(request[1], request);
            await client.SendAsync(request);
        }

        await RadSecListenerTests.WaitUntilAsync(() => host.Driver.Calls.Count == 3);
        (RadSecListener listener, ProxyOptions options) = Parts(host);
        listener.Apply(RadSecTls.Load(options.ListenTls!), [.. options.Clients.Where(c => c.Name != "fr1")], s_timeout);
        Assert.True(await RadSecListenerTests.RefusedAsync(() => host.ConnectAsync()));

        // Held by the driver until now: each request still gets its answer on the retiring connection, then it closes.
        release.SetResult();
        using var cts = new CancellationTokenSource(s_timeout);
        for (int i = 0; i < 3; i++)
        {
            byte[]? answer = await RadSecListenerTests.ReceiveOrClosedAsync(client, cts.Token);
            Assert.NotNull(answer);
            Assert.True(requests.Remove(answer[1], out byte[]? request));
            Assert.True(client.IsAnswerTo(answer, request));
            Assert.Equal((byte)RadiusCode.DisconnectAck, answer[0]);
        }

        Assert.Null(await RadSecListenerTests.ReceiveOrClosedAsync(client, cts.Token));
    }

    [Fact]
    public async Task UnchangedClient_KeepsItsEntryAndConnection()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(subject: "CN=fr1");
        await using RadSecTestClient client = await host.ConnectAsync();
        (RadSecListener listener, ProxyOptions options) = Parts(host);
        RadSecClients clients = host.Proxy.Services.GetRequiredService<RadSecClients>();
        RadSecClient before = Assert.Single(clients.Clients);
        RadiusDisconnectProxy.Pipeline.RadiusClient radiusClient = before.Client;

        listener.Apply(RadSecTls.Load(options.ListenTls!), options.Clients, s_timeout);

        RadSecClient after = Assert.Single(clients.Clients);
        Assert.Same(before, after);
        Assert.Same(radiusClient, after.Client);
        byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, User("alice"));
        byte[]? answer = await client.ExchangeAsync(request, s_timeout);
        Assert.NotNull(answer);
        Assert.True(client.IsAnswerTo(answer, request));
    }

    [Fact]
    public async Task ChangedCertificateSubject_RetiresTheConnectionsItNoLongerAccepts()
    {
        await using RadSecHost host = await RadSecHost.StartAsync(subject: "CN=fr1");
        await using RadSecTestClient client = await host.ConnectAsync();
        (RadSecListener listener, ProxyOptions options) = Parts(host);
        CertificateSubject.TryNormalize("CN=fr9", out string fr9);

        listener.Apply(RadSecTls.Load(options.ListenTls!),
            [.. options.Clients.Select(c => c.Name == "fr1" ? c with { CertificateSubject = fr9 } : c)], s_timeout);

        using var cts = new CancellationTokenSource(s_timeout);
        Assert.Null(await RadSecListenerTests.ReceiveOrClosedAsync(client, cts.Token));
        Assert.True(await RadSecListenerTests.RefusedAsync(() => host.ConnectAsync()));
        using var certificate = TestPki.Load(host.Pki.IssueClient("CN=fr9"));
        await using RadSecTestClient fr9Client = await host.ConnectAsync(certificate);
        byte[] request = fr9Client.BuildRequest(RadiusCode.DisconnectRequest, User("alice"));
        Assert.True(fr9Client.IsAnswerTo((await fr9Client.ExchangeAsync(request, s_timeout))!, request));
    }

    [Fact]
    public async Task RenewedCertificate_ServesNewHandshakes_EstablishedConnectionsKeepGoing()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        await using RadSecTestClient old = await host.ConnectAsync();
        string oldThumbprint = old.ServerCertificate!.Thumbprint;
        (RadSecListener listener, ProxyOptions options) = Parts(host);

        string renewed = host.Pki.RenewServerCertificate();
        listener.Apply(RadSecTls.Load(options.ListenTls!), options.Clients, s_timeout);

        await using RadSecTestClient fresh = await host.ConnectAsync();
        Assert.Equal(renewed, fresh.ServerCertificate!.Thumbprint);
        Assert.NotEqual(oldThumbprint, renewed);
        foreach (RadSecTestClient client in new[] { old, fresh })
        {
            byte[] request = client.BuildRequest(RadiusCode.DisconnectRequest, User("alice"));
            Assert.True(client.IsAnswerTo((await client.ExchangeAsync(request, s_timeout))!, request));
        }
    }

    [Fact]
    public async Task UnreadableCertificate_IsAConfigurationErrorNamingTheFile()
    {
        await using RadSecHost host = await RadSecHost.StartAsync();
        (RadSecListener listener, ProxyOptions options) = Parts(host);
        File.WriteAllText(host.Pki.ServerCertificate, "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");

        ConfigurationException error = Assert.Throws<ConfigurationException>(() => listener.Prepare(options));

        Assert.Contains(host.Pki.ServerCertificate, error.Message, StringComparison.Ordinal);
    }

    private static (RadSecListener Listener, ProxyOptions Options) Parts(RadSecHost host) =>
        (host.Proxy.Services.GetRequiredService<RadSecListener>(), host.Proxy.Services.GetRequiredService<ProxyOptions>());
}
