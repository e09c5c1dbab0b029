namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>What <see cref="MqttConnection"/> needs to reach and log in to the broker. <see cref="Password"/> is never logged.</summary>
internal sealed record MqttConnectionSettings(
    string Server,
    int Port,
    bool Tls,
    string ClientId,
    string? Username,
    string? Password,
    TimeSpan KeepAlive,
    TimeSpan Timeout,
    string ResponseTopic)
{
    // Records print every property; the broker password must never reach a log line.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Server = ").Append(Server).Append(", Port = ").Append(Port).Append(", Tls = ").Append(Tls)
            .Append(", ClientId = ").Append(ClientId).Append(", Username = ").Append(Username);
        return true;
    }
}
