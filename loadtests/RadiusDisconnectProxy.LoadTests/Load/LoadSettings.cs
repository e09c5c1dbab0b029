using System.Net;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>Everything one load run needs; built from the command line or by a scenario.</summary>
internal sealed record LoadSettings
{
    /// <summary>No run may last longer than this, whatever the options say (every run stops by itself).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(2);

    /// <summary>No run may send more requests than this.</summary>
    public const long MaxRequestsCap = 1_000_000_000;

    public string Name { get; init; } = "run";
    public required IPEndPoint Target { get; init; }
    public required string Secret { get; init; }

    /// <summary>Closed loop: requests kept in flight. Ignored in open loop (where it bounds the window).</summary>
    public int Window { get; init; } = 32;

    /// <summary>Open loop when set: requests per second at the start of the run.</summary>
    public double? Rate { get; init; }

    /// <summary>Open loop: requests per second at the end of the run (linear ramp); null = constant.</summary>
    public double? RateTo { get; init; }

    /// <summary>UDP sockets; 0 = ceil(window / 256). Each socket has at most 256 Identifiers outstanding.</summary>
    public int Sockets { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);
    public long MaxRequests { get; init; } = MaxRequestsCap;
    public TimeSpan Warmup { get; init; } = TimeSpan.Zero;

    /// <summary>An answer later than this counts as lost; the request is never retransmitted.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    public int ReceiveBufferBytes { get; init; } = 8 * 1024 * 1024;
    public RequestTemplate Template { get; init; } = new();

    /// <summary>Accept answers whose Message-Authenticator was computed over a zeroed authenticator (FreeRADIUS 3.2.0–3.2.3).</summary>
    public bool AcceptZeroedMessageAuthenticator { get; init; }

    /// <summary>Process whose CPU (utime+stime) and RSS are sampled before and after (the server under test).</summary>
    public int? TargetPid { get; init; }

    /// <summary>Further processes to account (simulators, brokers): name → pid.</summary>
    public IReadOnlyDictionary<string, int> OtherPids { get; init; } = new Dictionary<string, int>();

    public bool Progress { get; init; } = true;

    public int EffectiveSockets => Sockets > 0 ? Sockets : Math.Max(1, (EffectiveWindow + 255) / 256);

    /// <summary>Open loop keeps up to 256 per socket in flight; closed loop exactly <see cref="Window"/>.</summary>
    public int EffectiveWindow => Rate is null ? Window : Math.Max(Window, 256 * Math.Max(1, Sockets));
}
