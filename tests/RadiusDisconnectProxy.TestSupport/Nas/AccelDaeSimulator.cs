using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.TestSupport.Nas;

/// <summary>
/// accel-ppp's <c>dae-server</c> (its <c>radius/dm_coa.c</c>) as a stand-in on 127.0.0.1, port 0, faithful to the habits
/// a proxy must live with: it checks only the Request Authenticator (drops what fails); NAS-Identifier / NAS-IP-Address
/// that differ from its own get NAK 403; it finds a session when every key present (Acct-Session-Id, User-Name,
/// NAS-Port, NAS-Port-Id, Framed-IP-Address, Calling-Station-Id) matches, takes the first, and refuses a User-Name
/// without Acct-Session-Id, NAS-Port, NAS-Port-Id or Framed-IP-Address (NAK 503, as for no session); a Disconnect is
/// ACKed, then the session terminated. Its ACKs and NAKs carry no Message-Authenticator and no Proxy-State, only an
/// Error-Cause on a NAK (none on a CoA-NAK of an unusable CoA).
/// </summary>
public sealed class AccelDaeSimulator : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly SharedSecret _secret;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Lock _lock = new();
    private readonly List<AccelSession> _sessions = [];
    private readonly List<AccelReceivedRequest> _received = [];
    private int _disposed;

    private AccelDaeSimulator(Socket socket, string secret)
    {
        _socket = socket;
        _secret = new SharedSecret(secret);
        Endpoint = (IPEndPoint)socket.LocalEndPoint!;
        _loop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint Endpoint { get; }

    /// <summary>accel-ppp's <c>nas-identifier</c>: a request naming another NAS-Identifier gets NAK 403.</summary>
    public string? NasIdentifier { get; set; }

    /// <summary>accel-ppp's <c>nas-ip-address</c>: a request naming another NAS-IP-Address gets NAK 403.</summary>
    public IPAddress? NasIpAddress { get; set; }

    /// <summary><c>require-nas-identification=1</c>: a request with neither NAS-Identifier nor NAS-IP-Address gets NAK 403.</summary>
    public bool RequireNasIdentification { get; set; }

    /// <summary>Sessions still up.</summary>
    public IReadOnlyList<AccelSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    /// <summary>Authentic requests in arrival order with what was answered.</summary>
    public IReadOnlyList<AccelReceivedRequest> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    /// <param name="address">A loopback address (127.0.0.1 unless given), so several stand-ins can be distinct NASes by ipaddr.</param>
    public static AccelDaeSimulator Start(string secret, IPAddress? address = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(address ?? IPAddress.Loopback, 0));
        return new AccelDaeSimulator(socket, secret);
    }

    public AccelSession AddSession(string sessionId, string userName, string callingStationId, string address, int unit = 0)
    {
        var session = new AccelSession(sessionId, userName, "ppp" + unit.ToString(System.Globalization.CultureInfo.InvariantCulture), unit,
            address, callingStationId);
        lock (_lock)
        {
            _sessions.Add(session);
        }

        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _socket.Dispose();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping.
        }

        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[RadiusPacketLimits.MaxPacketLength];
        var source = new SocketAddress(AddressFamily.InterNetwork);
        while (!_stop.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await _socket.ReceiveFromAsync(buffer.AsMemory(), SocketFlags.None, source, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException)
            {
                continue;
            }

            Handle(buffer.AsSpan(0, length), source);
        }
    }

    private void Handle(ReadOnlySpan<byte> datagram, SocketAddress source)
    {
        // dm_coa_read: unexpected code or a wrong Request Authenticator → no reply.
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader request) != PacketParseError.None
            || request.Code is not (RadiusCode.DisconnectRequest or RadiusCode.CoaRequest)
            || !RadiusAuthenticator.VerifyRequestAuthenticator(request.Span, _secret))
        {
            return;
        }

        var keys = Keys.From(request);
        bool disconnect = request.Code == RadiusCode.DisconnectRequest;
        uint? errorCause = null;
        bool ack = false;
        lock (_lock)
        {
            if (!NasIdentityMatches(keys))
            {
                errorCause = (uint)ErrorCause.NasIdentificationMismatch;
            }
            else if (Find(keys) is not { } session)
            {
                errorCause = (uint)ErrorCause.SessionContextNotFound;
            }
            else if (disconnect)
            {
                // disconnect_request(): ACK first, then ap_session_terminate(TERM_ADMIN_RESET).
                ack = true;
                _sessions.Remove(session);
            }
            else
            {
                // coa_request(): Class, Session-Timeout or a shaper attribute (a VSA / Filter-Id) is applied; else NAK, no cause.
                ack = keys.HasCoaPayload;
            }
        }

        var code = (RadiusCode)((byte)request.Code + (ack ? 1 : 2));
        Span<byte> answer = stackalloc byte[64];
        var writer = new RadiusPacketWriter(answer, code, request.Identifier);
        if (errorCause is { } cause)
        {
            writer.AddUInt32(RadiusAttributeType.ErrorCause, cause);
        }

        // dm_coa_send_ack/nak: "TODO: We need to add Message-Authenticator attribute here"; no Proxy-State copied either.
        Span<byte> written = writer.Written;
        RadiusAuthenticator.SignResponse(written, request.Authenticator, _secret);
        lock (_lock)
        {
            _received.Add(new AccelReceivedRequest
            {
                Code = (byte)request.Code, Identifier = request.Identifier, HadMessageAuthenticator = request.MessageAuthenticatorOffset >= 0,
                ProxyStateCount = keys.ProxyStates, AcctSessionId = keys.SessionId, UserName = keys.UserName, AnswerCode = (byte)code,
                ErrorCause = errorCause,
            });
        }

        try
        {
            _socket.SendTo(written, SocketFlags.None, source);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away or we are stopping.
        }
    }

    /// <summary>rad_check_nas_pack(): a NAS-Identifier or NAS-IP-Address that is not ours → 403.</summary>
    private bool NasIdentityMatches(Keys keys)
    {
        if (RequireNasIdentification && keys.NasIdentifier is null && keys.NasIpAddress is null)
        {
            return false;
        }

        return (keys.NasIdentifier is null || NasIdentifier is null || keys.NasIdentifier == NasIdentifier)
            && (keys.NasIpAddress is null || NasIpAddress is null || keys.NasIpAddress.Equals(NasIpAddress));
    }

    /// <summary>rad_find_session_pack() / rad_find_session(): every present key must match; the first match wins.</summary>
    private AccelSession? Find(Keys keys)
    {
        if (keys.SessionId is null && keys.UserName is null && keys.PortId is null && keys.Port < 0 && keys.Address is null
            && keys.CallingStationId is null)
        {
            return null;
        }

        if (keys.UserName is not null && keys.SessionId is null && keys.Port < 0 && keys.Address is null && keys.PortId is null)
        {
            return null;
        }

        return _sessions.FirstOrDefault(s =>
            (keys.SessionId is null || keys.SessionId == s.SessionId)
            && (keys.UserName is null || keys.UserName == s.UserName)
            && (keys.Port < 0 || keys.Port == s.Unit)
            && (keys.PortId is null || keys.PortId == s.IfName)
            && (keys.Address is null || keys.Address == s.Address)
            && (keys.CallingStationId is null || keys.CallingStationId == s.CallingStationId));
    }

    private sealed record Keys(string? SessionId, string? UserName, long Port, string? PortId, string? Address, string? CallingStationId,
        string? NasIdentifier, IPAddress? NasIpAddress, bool HasCoaPayload, int ProxyStates)
    {
        public static Keys From(RadiusPacketReader request)
        {
            string? sessionId = null, userName = null, portId = null, address = null, csid = null, nasId = null;
            IPAddress? nasIp = null;
            long port = -1;
            bool coaPayload = false;
            int proxyStates = 0;
            foreach (RadiusAttributeView attribute in request)
            {
                ReadOnlySpan<byte> value = attribute.Value;
                switch (attribute.Type)
                {
                    case RadiusAttributeType.AcctSessionId: sessionId = Encoding.UTF8.GetString(value); break;
                    case RadiusAttributeType.UserName: userName = Encoding.UTF8.GetString(value); break;
                    case RadiusAttributeType.NasPort when value.Length == 4: port = BinaryPrimitives.ReadUInt32BigEndian(value); break;
                    case RadiusAttributeType.NasPortId: portId = Encoding.UTF8.GetString(value); break;
                    case RadiusAttributeType.FramedIpAddress when value.Length == 4: address = new IPAddress(value).ToString(); break;
                    case RadiusAttributeType.CallingStationId: csid = Encoding.UTF8.GetString(value); break;
                    case RadiusAttributeType.NasIdentifier: nasId = Encoding.UTF8.GetString(value); break;
                    case RadiusAttributeType.NasIpAddress when value.Length == 4: nasIp = new IPAddress(value); break;
                    case RadiusAttributeType.ProxyState: proxyStates++; break;
                    case RadiusAttributeType.Class or RadiusAttributeType.SessionTimeout or RadiusAttributeType.VendorSpecific
                        or RadiusAttributeType.FilterId:
                        coaPayload = true;
                        break;
                }
            }

            return new Keys(sessionId, userName, port, portId, address, csid, nasId, nasIp, coaPayload, proxyStates);
        }
    }
}
