using System.Diagnostics;
using System.Globalization;
using RadiusDisconnectProxy.TestSupport.Services;

namespace RadiusDisconnectProxy.Tests.Integration;

/// <summary>One private mosquitto (node credentials required) shared by a test class.</summary>
public sealed class MosquittoFixture : IAsyncLifetime
{
    public const string Username = "nodes";
    public const string Password = "n0de-secret";

    private MosquittoBroker? _broker;

    public MosquittoBroker Broker => _broker ?? throw new InvalidOperationException("not started");

    /// <summary>The mqtt section that points the proxy at this broker as an external client.</summary>
    public string MqttSection(string replyTimeout = "2s") => string.Create(CultureInfo.InvariantCulture,
        $"mqtt {{ mode = external  server = 127.0.0.1  port = {Broker.Port}  username = {Username}  password = {Password}  reply_timeout = {replyTimeout} }}\n");

    /// <summary>mosquitto_sub on <paramref name="topic"/>, live before it returns.</summary>
    public Task<MosquittoSubscriber> SubscribeAsync(string topic) =>
        MosquittoSubscriber.StartAsync(Broker.Host, Broker.Port, Username, Password, topic, PublishAsync, TimeSpan.FromSeconds(15));

    public async Task InitializeAsync() => _broker = await MosquittoBroker.StartAsync(Username, Password);

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }
    }

    private async Task PublishAsync(string topic)
    {
        var start = new ProcessStartInfo("mosquitto_pub") { UseShellExecute = false, RedirectStandardError = true };
        foreach (string argument in new[]
        {
            "-h", Broker.Host, "-p", Broker.Port.ToString(CultureInfo.InvariantCulture), "-u", Username, "-P", Password, "-t", topic, "-m", "probe",
        })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto_pub did not start");
        await process.WaitForExitAsync();
    }
}
