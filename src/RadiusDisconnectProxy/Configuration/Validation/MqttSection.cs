using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>mqtt { mode = embedded | external | off … }</c>. Embedded: the proxy runs the broker itself, <c>server</c> is the
/// address it binds (loopback by default) and <c>port</c>/<c>username</c>/<c>password</c> are what the nodes use.
/// A present section without <c>mode</c> means embedded; an absent section means off.
/// </summary>
internal static class MqttSection
{
    public static MqttOptions Read(SectionReader section, string baseDirectory, List<string> warnings)
    {
        var defaults = new MqttOptions();
        MqttMode mode = section.Choice("mode", MqttMode.Embedded, ("embedded", MqttMode.Embedded), ("external", MqttMode.External), ("off", MqttMode.Off));
        string server = section.String("server") ?? defaults.Server;
        if (server.Length == 0)
        {
            throw section.Error("server", "'server' must not be empty");
        }

        if (mode == MqttMode.Embedded && server != "*" && !ConfigValues.TryParseAddress(server, out _))
        {
            throw section.Error("server", $"with mode = embedded, 'server' is the address the broker binds: an IP address or '*', not '{server}'");
        }

        bool tls = section.Bool("tls", defaults.Tls);
        if (tls && mode == MqttMode.Embedded)
        {
            throw section.Error("tls", "with mode = embedded, TLS is turned on by 'tls_certificate' and 'tls_key' (PEM files), not by 'tls = yes'");
        }

        string? username = section.String("username");
        string? password = section.String("password");
        if (password is not null && string.IsNullOrEmpty(username))
        {
            throw section.Error("password", "'password' is given without 'username'");
        }

        bool hasLogin = !string.IsNullOrEmpty(username);
        bool allowAnonymous = section.Bool("allow_anonymous", false);
        (string? certificate, string? key) = ReadTlsFiles(section, mode, baseDirectory);
        if (mode == MqttMode.Embedded)
        {
            // docs/meshdesk.md "Who may do what on the embedded broker": node commands are shell commands, so a broker
            // reachable beyond this machine must not let anyone in without the node login.
            bool loopbackOnly = server != "*" && ConfigValues.TryParseAddress(server, out IPAddress bind) && IPAddress.IsLoopback(bind);
            if (!loopbackOnly && !hasLogin && !allowAnonymous)
            {
                throw section.Error("server",
                    $"the embedded broker would listen on {server} without a login: anyone who reaches it could command the nodes. "
                    + "Set 'username' and 'password' (what the nodes use), listen on 127.0.0.1, or set 'allow_anonymous = yes' to accept the risk");
            }

            if (allowAnonymous && hasLogin)
            {
                throw section.Error("allow_anonymous", "'allow_anonymous = yes' contradicts 'username': with a node login set, every client must use it");
            }

            if (allowAnonymous && !loopbackOnly)
            {
                warnings.Add($"{section.Describe("allow_anonymous")}: the embedded broker on {server} accepts clients without a login: "
                    + "anyone who reaches it can receive node commands and send replies (only the proxy can send commands)");
            }
        }
        else if (section.Has("allow_anonymous"))
        {
            throw section.Error("allow_anonymous", "'allow_anonymous' applies to mode = embedded only (an external broker has its own setting)");
        }

        return new MqttOptions
        {
            Mode = mode,
            Server = server == "*" ? IPAddress.IPv6Any.ToString() : server,
            Port = section.Int("port", tls || certificate is not null ? 8883 : defaults.Port, 1, 65535),
            Username = hasLogin ? username : null,
            Password = password,
            Tls = tls,
            ReplyTimeout = section.Duration("reply_timeout", defaults.ReplyTimeout),
            AllowAnonymous = allowAnonymous,
            TlsCertificate = certificate,
            TlsKey = key,
        };
    }

    private static (string? Certificate, string? Key) ReadTlsFiles(SectionReader section, MqttMode mode, string baseDirectory)
    {
        string? certificate = section.String("tls_certificate");
        string? key = section.String("tls_key");
        if (certificate is null && key is null)
        {
            return (null, null);
        }

        if (mode != MqttMode.Embedded)
        {
            throw section.Error(certificate is not null ? "tls_certificate" : "tls_key",
                "'tls_certificate' and 'tls_key' are the embedded broker's own TLS files (mode = embedded); with an external broker use 'tls = yes'");
        }

        if (certificate is null || key is null)
        {
            throw section.Error(certificate is null ? "tls_key" : "tls_certificate", "'tls_certificate' and 'tls_key' go together");
        }

        string certificatePath = Path.GetFullPath(Path.Combine(baseDirectory, certificate));
        string keyPath = Path.GetFullPath(Path.Combine(baseDirectory, key));
        try
        {
            using var loaded = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw section.Error("tls_certificate", $"cannot load the TLS certificate '{certificatePath}' with key '{keyPath}': {ex.Message}");
        }

        return (certificatePath, keyPath);
    }
}
