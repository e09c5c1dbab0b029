using System.Net;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// The whole validated configuration (docs/configuration.md), produced from radius.conf plus RDP__ environment variables and
/// command-line overrides. Every other component takes its part of this model; none reads IConfiguration itself.
/// </summary>
public sealed record ProxyOptions
{
    /// <summary>Full path of the radius.conf this was read from (null when built in code, e.g. in tests).</summary>
    public string? ConfigPath { get; init; }

    public ListenOptions Listen { get; init; } = new();

    /// <summary>The RadSec listener (docs/radsec.md); null = none.</summary>
    public ListenTlsOptions? ListenTls { get; init; }

    /// <summary>Dictionary directory; null = the shipped set next to the executable.</summary>
    public string? DictionaryDirectory { get; init; }

    public SecurityOptions Security { get; init; } = new();

    public IReadOnlyList<ClientOptions> Clients { get; init; } = [];

    /// <summary>Prometheus endpoint; null = off.</summary>
    public IPEndPoint? MetricsListen { get; init; }

    /// <summary>The <c>log</c> section (level and format of the daemon's own log lines).</summary>
    public LogOptions Log { get; init; } = new();

    public bool AuditEnabled { get; init; } = true;

    public MqttOptions Mqtt { get; init; } = new();

    /// <summary>RADIUSdesk database; null = static configuration only.</summary>
    public RadiusDeskOptions? RadiusDesk { get; init; }

    public IReadOnlyList<NasTarget> Nases { get; init; } = [];

    /// <summary>The web console; null = off (docs/console.md).</summary>
    public AdminOptions? Admin { get; init; }

    /// <summary>
    /// Valid but questionable settings ("radius.conf:7: duplicate_window … is shorter than …"), logged at start-up
    /// and printed by check-config.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

public enum LogFormat
{
    /// <summary>Readable lines; under journald each line carries its syslog priority as a <c>&lt;N&gt;</c> prefix.</summary>
    Text,
    /// <summary>One compact JSON object per line (rendered message plus structured fields).</summary>
    Json,
}

/// <summary><c>log { level = info  format = text }</c>.</summary>
public sealed record LogOptions
{
    public Microsoft.Extensions.Logging.LogLevel Level { get; init; } = Microsoft.Extensions.Logging.LogLevel.Information;
    public LogFormat Format { get; init; } = LogFormat.Text;
}

public sealed record ListenOptions
{
    /// <summary>Addresses to bind; <see cref="IPAddress.IPv6Any"/> (dual mode) stands for "*".</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [IPAddress.IPv6Any];

    public int Port { get; init; } = 3799;
}

public enum RequireMessageAuthenticator
{
    No,
    Yes,
    /// <summary>Not required until the client has sent one valid Message-Authenticator; required from then on.</summary>
    Auto,
}

/// <summary>The <c>security</c> section; every key may be overridden per client.</summary>
public sealed record SecurityOptions
{
    public RequireMessageAuthenticator RequireMessageAuthenticator { get; init; } = RequireMessageAuthenticator.Auto;
    public bool ResponseMessageAuthenticator { get; init; } = true;
    public TimeSpan EventTimestampWindow { get; init; } = TimeSpan.FromSeconds(300);
    public bool RequireEventTimestamp { get; init; }
    /// <summary>Defaults to <see cref="EventTimestampWindow"/> (RFC 5176 §6.3).</summary>
    public TimeSpan DuplicateWindow { get; init; } = TimeSpan.FromSeconds(300);
    public int DuplicateCacheSize { get; init; } = 1_000_000;
    public int MaxPending { get; init; } = 10_000;
}

public sealed record ClientOptions
{
    public required string Name { get; init; }

    /// <summary>Addresses or CIDR prefixes; a plain address is a /32 or /128.</summary>
    public required IReadOnlyList<IPNetwork> Networks { get; init; }

    public required string Secret { get; init; }

    /// <summary>RADIUS/UDP, or RadSec (the secret is then the fixed "radsec", RFC 6614 §2.3).</summary>
    public ClientProto Proto { get; init; } = ClientProto.Udp;

    /// <summary>RadSec only: the subject DN the client certificate must carry ("CN=fr1"); null = any from ca_file.</summary>
    public string? CertificateSubject { get; init; }

    /// <summary>The effective security settings for this client (global section with per-client overrides applied).</summary>
    public required SecurityOptions Security { get; init; }

    /// <summary>Where it was defined, "radius.conf:12", for messages.</summary>
    public string Source { get; init; } = "";

    // Records print every property; the secret must never reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Name = ").Append(Name).Append(", Networks = [").AppendJoin(", ", Networks).Append("], Secret = ***, Proto = ").Append(Proto)
            .Append(", CertificateSubject = ").Append(CertificateSubject).Append(", Security = ")
            .Append(Security).Append(", Source = ").Append(Source);
        return true;
    }
}

public enum MqttMode
{
    Off,
    Embedded,
    External,
}

public sealed record MqttOptions
{
    public MqttMode Mode { get; init; } = MqttMode.Off;
    /// <summary>External: the broker host. Embedded: the address the broker binds (nodes connect to it).</summary>
    public string Server { get; init; } = "127.0.0.1";
    public int Port { get; init; } = 1883;
    public string? Username { get; init; }
    public string? Password { get; init; }
    public bool Tls { get; init; }
    public TimeSpan ReplyTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Embedded: lets nodes in without a login on an address beyond loopback (an explicit, warned override).</summary>
    public bool AllowAnonymous { get; init; }

    /// <summary>Embedded: PEM certificate (chain) file of the broker's TLS endpoint; with <see cref="TlsKey"/>, TLS is on.</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>Embedded: PEM private key file of <see cref="TlsCertificate"/>.</summary>
    public string? TlsKey { get; init; }

    // Records print every property; the broker password must never reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Mode = ").Append(Mode).Append(", Server = ").Append(Server).Append(", Port = ").Append(Port)
            .Append(", Username = ").Append(Username).Append(", Password = ").Append(Password is null ? "" : "***")
            .Append(", Tls = ").Append(Tls).Append(", ReplyTimeout = ").Append(ReplyTimeout)
            .Append(", AllowAnonymous = ").Append(AllowAnonymous).Append(", TlsCertificate = ").Append(TlsCertificate)
            .Append(", TlsKey = ").Append(TlsKey);
        return true;
    }
}

public enum VerifyMode
{
    None,
    Accounting,
}

public sealed record RadiusDeskOptions
{
    public required string ConnectionString { get; init; }
    public TimeSpan CacheTtl { get; init; } = TimeSpan.FromSeconds(30);
    public bool RecordActions { get; init; }
    public VerifyMode Verify { get; init; } = VerifyMode.None;
    public TimeSpan VerifyTimeout { get; init; } = TimeSpan.FromSeconds(10);

    // Records print every property; the connection string carries the database password.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("ConnectionString = ***, CacheTtl = ").Append(CacheTtl).Append(", RecordActions = ").Append(RecordActions)
            .Append(", Verify = ").Append(Verify).Append(", VerifyTimeout = ").Append(VerifyTimeout);
        return true;
    }
}
