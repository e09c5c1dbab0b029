using RadiusDisconnectProxy.RouterOs;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public static class RouterOsSimulatorClientExtensions
{
    /// <summary>Client options pointing at the simulator with its credentials and short, test-friendly timeouts.</summary>
    public static RouterOsClientOptions CreateClientOptions(this RouterOsSimulator simulator) => new()
    {
        Host = simulator.Host,
        Port = simulator.Port,
        Username = simulator.Options.Username,
        Password = simulator.Options.Password,
        UseTls = simulator.Options.Certificate is not null,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        CommandTimeout = TimeSpan.FromSeconds(15),
        ReconnectBackoffMin = TimeSpan.FromMilliseconds(50),
        ReconnectBackoffMax = TimeSpan.FromSeconds(1),
    };

    /// <summary>Polls until the condition holds (bounded); for states the simulator reaches asynchronously.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
