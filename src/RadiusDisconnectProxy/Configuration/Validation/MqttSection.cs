using System.Net;

namespace RadiusDisconnectProxy.Configuration.Validation;

/// <summary>
/// <c>mqtt { mode = embedded | external | off … }</c>. Embedded: the proxy runs the broker itself, <c>server</c> is the
/// address it binds (loopback by default) and <c>port</c>/<c>username</c>/<c>password</c> are what the nodes use.
/// A present section without <c>mode</c> means embedded; an absent section means off.
/// </summary>
internal static class MqttSection
{
    public static MqttOptions Read(SectionReader section)
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
            throw section.Error("tls", "'tls = yes' is only supported with mode = external");
        }

        string? username = section.String("username");
        string? password = section.String("password");
        if (password is not null && string.IsNullOrEmpty(username))
        {
            throw section.Error("password", "'password' is given without 'username'");
        }

        return new MqttOptions
        {
            Mode = mode,
            Server = server == "*" ? IPAddress.IPv6Any.ToString() : server,
            Port = section.Int("port", tls ? 8883 : defaults.Port, 1, 65535),
            Username = string.IsNullOrEmpty(username) ? null : username,
            Password = password,
            Tls = tls,
            ReplyTimeout = section.Duration("reply_timeout", defaults.ReplyTimeout),
        };
    }
}
