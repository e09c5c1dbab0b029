using System.Net;
using System.Net.Sockets;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.LoadTests.Simulation;

/// <summary>
/// A minimal RFC 5176 NAS that answers every authentic Disconnect/CoA-Request at once with an ACK
/// (Proxy-State echoed, RFC 5176 §3.1; Message-Authenticator when the request had one). It exists so the generator
/// can be checked against something whose cost is known; the scenarios use the TestSupport NAS simulator.
/// </summary>
internal sealed class InstantNas : IDisposable
{
    private readonly Socket _socket;
    private readonly SharedSecret _secret;
    private readonly Thread _thread;
    private volatile bool _closing;

    public InstantNas(IPEndPoint bind, string secret)
    {
        _socket = new Socket(bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveBufferSize = 8 << 20, SendBufferSize = 4 << 20, ReceiveTimeout = 250 };
        _socket.Bind(bind);
        _secret = new SharedSecret(secret);
        _thread = new Thread(Loop) { IsBackground = true, Name = "instant-nas" };
        _thread.Start();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public long Answered;
    public long Dropped;

    public void Dispose()
    {
        _closing = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _socket.Dispose();
    }

    private void Loop()
    {
        byte[] request = GC.AllocateArray<byte>(4096, pinned: true);
        byte[] reply = GC.AllocateArray<byte>(4096, pinned: true);
        var from = new SocketAddress(_socket.AddressFamily);
        while (!_closing)
        {
            int received;
            try
            {
                received = _socket.ReceiveFrom(request, SocketFlags.None, from);
            }
            catch (SocketException)
            {
                continue;
            }

            int length = Answer(request.AsSpan(0, received), reply);
            if (length == 0)
            {
                Interlocked.Increment(ref Dropped);
                continue;
            }

            _socket.SendTo(reply.AsSpan(0, length), SocketFlags.None, from);
            Interlocked.Increment(ref Answered);
        }
    }

    private int Answer(ReadOnlySpan<byte> datagram, Span<byte> reply)
    {
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader request) != PacketParseError.None
            || request.Code is not (RadiusCode.DisconnectRequest or RadiusCode.CoaRequest)
            || !RadiusAuthenticator.VerifyRequestAuthenticator(request.Span, _secret))
        {
            return 0;
        }

        bool withMa = request.MessageAuthenticatorOffset >= 0;
        if (withMa && RadiusAuthenticator.VerifyMessageAuthenticator(request.Span, request.MessageAuthenticatorOffset, default, _secret) != MessageAuthenticatorStatus.Valid)
        {
            return 0;
        }

        var writer = new RadiusPacketWriter(reply, request.Code == RadiusCode.DisconnectRequest ? RadiusCode.DisconnectAck : RadiusCode.CoaAck, request.Identifier);
        if (withMa)
        {
            writer.AddMessageAuthenticator();
        }

        foreach (RadiusAttributeView attribute in request)
        {
            if (attribute.Type == Radius.Attributes.RadiusAttributeType.ProxyState)
            {
                writer.Add(attribute.Type, attribute.Value);
            }
        }

        int length = writer.Length;
        RadiusAuthenticator.SignResponse(reply[..length], request.Authenticator, _secret);
        return length;
    }
}
