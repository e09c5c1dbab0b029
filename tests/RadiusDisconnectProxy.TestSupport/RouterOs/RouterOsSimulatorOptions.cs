using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.TestSupport.RouterOs;

public sealed record RouterOsSimulatorOptions
{
    public string Username { get; init; } = "rdproxy";

    /// <summary>Where the API listener binds: loopback only (127.0.0.0/8, ::1); port 0 picks a free one.</summary>
    public System.Net.IPEndPoint ListenEndPoint { get; init; } = new(System.Net.IPAddress.Loopback, 0);

    public string Password { get; init; } = "secret";

    public SimulatedLoginStyle LoginStyle { get; init; } = SimulatedLoginStyle.Modern;

    /// <summary>RouterOS 7.18+: an empty print answers <c>!empty</c> before <c>!done</c>.</summary>
    public bool EmptyReplies { get; init; } = true;

    /// <summary>When set, the listener speaks API-SSL with this certificate (must have a private key).</summary>
    public X509Certificate2? Certificate { get; init; }

    public string Identity { get; init; } = "MikroTik";

    /// <summary>How many of the latest received sentences <see cref="RouterOsSimulator.RecordedCommands"/> keeps (0: none).</summary>
    public int RecordedCommandLimit { get; init; } = 10_000;

    /// <summary>The loopback port to listen on; 0 picks a free one (a fixed one restarts a "rebooted" router).</summary>
    public int Port { get; init; }
}
