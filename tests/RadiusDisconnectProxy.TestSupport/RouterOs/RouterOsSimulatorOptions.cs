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

    /// <summary>
    /// REST: the status of a successful DELETE. The manual only says "empty body"; RADIUSdesk accepts only 204, tik4net's
    /// live table shows 200, so both are worth testing against.
    /// </summary>
    public int RestDeleteStatus { get; init; } = 204;

    /// <summary>REST: a body whose Content-Type is not exactly <c>application/json</c> gets 415 (builds before 7.2rc5).</summary>
    public bool RestStrictContentType { get; init; } = true;

    /// <summary>How many of the latest received sentences <see cref="RouterOsSimulator.RecordedCommands"/> keeps (0: none).</summary>
    public int RecordedCommandLimit { get; init; } = 10_000;

    /// <summary>The loopback port to listen on; 0 picks a free one (a fixed one restarts a "rebooted" router).</summary>
    public int Port { get; init; }
}
