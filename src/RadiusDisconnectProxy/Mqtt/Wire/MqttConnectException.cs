namespace RadiusDisconnectProxy.Mqtt.Wire;

/// <summary>The broker could not be reached, refused the login or the subscription; the message is loggable (never a credential).</summary>
internal sealed class MqttConnectException : Exception
{
    public MqttConnectException(string message)
        : base(message)
    {
    }

    public MqttConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public MqttConnectException()
    {
    }
}
