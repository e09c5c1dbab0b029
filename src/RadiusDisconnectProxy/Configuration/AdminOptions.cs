using System.Net;

namespace RadiusDisconnectProxy.Configuration;

/// <summary>
/// The <c>admin</c> section: the web console (docs/console.md). Absent = no console, nothing listens and nothing is
/// recorded for it. Beyond loopback only with a TLS certificate and key (checked when the file is read).
/// </summary>
public sealed record AdminOptions
{
    public static readonly IPEndPoint DefaultListen = new(IPAddress.Loopback, 8080);

    public IPEndPoint Listen { get; init; } = DefaultListen;

    public required string Username { get; init; }

    public required AdminPasswordHash PasswordHash { get; init; }

    /// <summary>PEM certificate (chain) file, full path; null = plain HTTP (loopback only).</summary>
    public string? TlsCertificate { get; init; }

    /// <summary>PEM private key file, full path; set exactly when <see cref="TlsCertificate"/> is.</summary>
    public string? TlsKey { get; init; }

    public bool UsesTls => TlsCertificate is not null;

    // Records print every property; the password hash is a secret too (it allows offline guessing).
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Listen = ").Append(Listen).Append(", Username = ").Append(Username).Append(", PasswordHash = ***, TlsCertificate = ")
            .Append(TlsCertificate).Append(", TlsKey = ").Append(TlsKey);
        return true;
    }
}
