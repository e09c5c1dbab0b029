using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>admin { listen  username  password_hash  tls_certificate  tls_key }</c>: the web console (docs/console.md).
/// A console reachable beyond loopback must use TLS: the login and the session cookie would otherwise cross the
/// network in clear text.
/// </summary>
internal static class AdminSection
{
    private static readonly HashSet<string> s_keys = new(StringComparer.OrdinalIgnoreCase)
    {
        "listen", "username", "password_hash", "tls_certificate", "tls_key",
    };

    public static AdminOptions Read(SectionReader section, string baseDirectory)
    {
        section.RejectUnknownKeys(s_keys);
        IPEndPoint listen = AdminOptions.DefaultListen;
        if (section.String("listen") is { } text && !ConfigValues.TryParseEndpoint(text, out listen))
        {
            throw section.Error("listen", $"'listen' must be address:port (127.0.0.1:8080, [::1]:8080), not '{text}'");
        }

        string username = section.RequiredString("username");
        string hashText = section.RequiredString("password_hash");
        if (!AdminPasswordHash.TryParse(hashText, out AdminPasswordHash hash, out string reason))
        {
            // The value is a secret of sorts (it allows offline guessing): say what is wrong, never repeat it.
            throw section.Error("password_hash", $"'password_hash' is not a password hash: {reason}");
        }

        string? certificate = ResolvePath(section, "tls_certificate", baseDirectory);
        string? key = ResolvePath(section, "tls_key", baseDirectory);
        if ((certificate is null) != (key is null))
        {
            throw section.Error(certificate is null ? "tls_key" : "tls_certificate", "'tls_certificate' and 'tls_key' go together: give both or neither");
        }

        if (certificate is null && !IsLoopback(listen))
        {
            throw section.Error("listen",
                $"admin listens on {listen}, beyond loopback: that needs 'tls_certificate' and 'tls_key' (or listen on 127.0.0.1 / [::1])");
        }

        if (certificate is not null)
        {
            try
            {
                using X509Certificate2 loaded = X509Certificate2.CreateFromPemFile(certificate, key);
            }
            catch (Exception e) when (e is CryptographicException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                throw section.Error("tls_certificate", $"cannot load the certificate '{certificate}' with the key '{key}': {e.Message}");
            }
        }

        return new AdminOptions { Listen = listen, Username = username, PasswordHash = hash, TlsCertificate = certificate, TlsKey = key };
    }

    private static bool IsLoopback(IPEndPoint endpoint) => IPAddress.IsLoopback(endpoint.Address);

    private static string? ResolvePath(SectionReader section, string key, string baseDirectory)
    {
        if (section.String(key) is not { Length: > 0 } value)
        {
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(baseDirectory, value));
        return File.Exists(full) ? full : throw section.Error(key, $"'{key}' file '{full}' does not exist");
    }
}
