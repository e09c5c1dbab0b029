namespace RadiusDisconnectProxy.Logging;

/// <summary>
/// Every log event id of the daemon in one place, one range per area, so that an id means one thing (docs/operations.md,
/// "Log event ids"). Operators filter and alert on these numbers: never reuse or renumber one; add new ones at the end of
/// their area's range.
/// </summary>
internal static class EventIds
{
    /// <summary>100–199: daemon start-up and stop.</summary>
    public static class Host
    {
        public const int ConfigurationLoaded = 100;
        public const int ConfigurationWarning = 101;
        public const int StartFailed = 102;
        public const int BackgroundServiceFailed = 103;
        public const int Stopped = 104;
        public const int Reloading = 105;
        public const int Reloaded = 106;
        public const int ReloadRejected = 107;
        public const int ReloadNeedsRestart = 108;
        public const int StartFailedPlain = 109;
        public const int ConfigurationError = 110;
        public const int Stopping = 111;
    }

    /// <summary>1000–1099: UDP listener.</summary>
    public static class Listener
    {
        public const int Listening = 1001;
        public const int ReceiveBufferCapped = 1002;
        public const int TransientReceiveError = 1003;
        public const int Draining = 1004;
        public const int DrainTimedOut = 1005;
        public const int ProcessingFailed = 1007;
    }

    /// <summary>1100–1199: RadSec listener (docs/radsec.md).</summary>
    public static class RadSec
    {
        public const int Listening = 1101;
        public const int Connected = 1102;
        public const int Closed = 1103;
        public const int Refused = 1104;
        public const int HandshakeFailed = 1105;
        public const int CertificateRejected = 1106;
        public const int ProcessingFailed = 1107;
        public const int StatusServerDropped = 1108;
        public const int ObfuscatedAttributeDropped = 1109;
        public const int ConnectionFailed = 1110;
        public const int Retiring = 1111;
        public const int TlsReloaded = 1112;
    }

    /// <summary>2000–2099: request pipeline.</summary>
    public static class Pipeline
    {
        public const int Dropped = 2001;
        public const int MessageAuthenticatorNowRequired = 2002;
        public const int Overloaded = 2003;
        public const int DriverFailed = 2004;
        public const int DriverTimedOut = 2005;
        public const int NoDriver = 2006;
        public const int AnswerFailed = 2007;
        public const int DirectoryFailed = 2008;
        public const int AnswerTrimmed = 2009;
        public const int AnswerSendFailed = 2010;
    }

    /// <summary>3000–3099: Prometheus endpoint.</summary>
    public static class Metrics
    {
        public const int Listening = 3001;
    }

    /// <summary>3100–3199: RFC 5176 forwarding to a NAS.</summary>
    public static class Forwarding
    {
        public const int SocketOpened = 3100;
        public const int SocketOpenFailed = 3101;
        public const int NasUnreachable = 3102;
        public const int AnswerDiscarded = 3103;
        public const int IdentifiersExhausted = 3104;
        public const int NotForwarded = 3105;
        public const int TimerLoopFailed = 3106;
        public const int ReceiveFailed = 3107;
    }

    /// <summary>3200–3299: RouterOS API driver.</summary>
    public static class Mikrotik
    {
        public const int SessionsRemoved = 3200;
        public const int RemoveRefused = 3201;
        public const int RouterUnavailable = 3202;
        public const int DeadlineReached = 3203;
        public const int CookieRemovalFailed = 3204;
        public const int RateChanged = 3205;
        public const int RateNotApplied = 3206;
        public const int ForwardingCoa = 3207;
        public const int NoForwarder = 3208;
    }

    /// <summary>3300–3399: RouterOS REST driver (Mikrotik-Rest-API).</summary>
    public static class MikrotikRest
    {
        public const int SessionsRemoved = 3300;
        public const int RemoveRefused = 3301;
        public const int RouterUnavailable = 3302;
        public const int DeadlineReached = 3303;
        public const int CookieRemovalFailed = 3304;
        public const int RateChanged = 3305;
        public const int RateNotApplied = 3306;
        public const int ForwardingCoa = 3307;
        public const int UnverifiedTls = 3308;
    }

    /// <summary>3400–3499: hostapd private PSK driver (private_psk).</summary>
    public static class PrivatePsk
    {
        public const int Acknowledged = 3400;
        public const int NotAcknowledged = 3401;
        public const int BrokerUnavailable = 3402;
        public const int UnknownDevice = 3403;
        public const int RecordingFailed = 3404;
    }

    /// <summary>3500–3599: accel-ppp driver (AccelRadiusdesk).</summary>
    public static class Accel
    {
        public const int Queued = 3500;
        public const int NoSession = 3501;
        public const int DatabaseUnavailable = 3502;
        public const int Forwarding = 3503;
    }

    /// <summary>4000–4099: MQTT transport and embedded broker.</summary>
    public static class Mqtt
    {
        public const int MqttConnected = 4000;
        public const int MqttConnectFailed = 4001;
        public const int MqttDisconnected = 4002;
        public const int CommandPublished = 4003;
        public const int CommandNotPublished = 4004;
        public const int PendingTableFull = 4005;
        public const int EmbeddedBrokerStarted = 4006;
        public const int EmbeddedBrokerRefusedClient = 4007;
        public const int EmbeddedBrokerStopped = 4008;
        public const int PublishFailed = 4009;
        public const int EmbeddedBrokerAnonymous = 4010;
        public const int EmbeddedBrokerRefusedSubscription = 4011;
        public const int EmbeddedBrokerRefusedPublish = 4012;
        public const int MqttSwitching = 4013;
        public const int MqttRetiredConnectionClosed = 4014;
        public const int EmbeddedBrokerLoginChanged = 4015;
    }

    /// <summary>4100–4199: CoovaChilli (MESHdesk/APdesk) driver.</summary>
    public static class Coova
    {
        public const int NodeAcknowledged = 4100;
        public const int NoNodeAcknowledged = 4101;
        public const int BrokerUnavailable = 4102;
        public const int NoTargets = 4103;
        public const int RecordingFailed = 4104;
    }

    /// <summary>5000–5099: audit trail.</summary>
    public static class Audit
    {
        public const int Answered = 5001;
    }

    /// <summary>6100–6199: RADIUSdesk database.</summary>
    public static class RadiusDesk
    {
        public const int Configured = 6100;
        public const int Unavailable = 6101;
        public const int Available = 6102;
        public const int NasNotUsable = 6103;
        public const int NasResolved = 6104;
        public const int VerifyFailed = 6105;
        public const int SessionLimit = 6106;
        public const int RecordFailed = 6107;
        public const int RowsAdopted = 6108;
        public const int Reconfigured = 6109;
    }

    /// <summary>7000–7099: web console (docs/console.md).</summary>
    public static class Console
    {
        public const int Listening = 7000;
        public const int LoggedIn = 7001;
        public const int LoginFailed = 7002;
        public const int LoginThrottled = 7003;
        public const int CrossSiteRefused = 7004;
        public const int Tested = 7005;
        public const int RequestFailed = 7006;
        public const int LoggedOut = 7007;
    }
}
