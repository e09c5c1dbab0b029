using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.TestSupport.Nas;

public sealed partial class NasSimulator
{
    private void OnRequest(ReadOnlySpan<byte> datagram, SocketAddress source, byte[] send)
    {
        if (RadiusPacketReader.TryParse(datagram, out RadiusPacketReader request) != PacketParseError.None
            || request.Code is not (RadiusCode.DisconnectRequest or RadiusCode.CoaRequest)
            || !RadiusAuthenticator.VerifyRequestAuthenticator(request.Span, _secret)
            || RadiusAuthenticator.VerifyMessageAuthenticator(request.Span, request.MessageAuthenticatorOffset, default, _secret)
                == MessageAuthenticatorStatus.Invalid)
        {
            Interlocked.Increment(ref _badAuthenticators);
            return;
        }

        NasSimulatorBehavior behavior = Behavior;
        long transmission = Interlocked.Increment(ref _transmissions);
        if (behavior.Record)
        {
            NasReceivedPacket recorded = Decode(request, source);
            lock (_lock)
            {
                _received.Add(recorded);
            }
        }

        if (behavior.NeverAnswer || transmission <= behavior.DropFirst)
        {
            return;
        }

        if (behavior.Delay > TimeSpan.Zero)
        {
            byte[] requestCopy = request.Span.ToArray();
            var destination = new SocketAddress(source.Family, source.Size);
            source.Buffer.CopyTo(destination.Buffer);
            _ = AnswerLaterAsync(requestCopy, destination, behavior);
            return;
        }

        Answer(request, source, send, behavior);
    }

    private async Task AnswerLaterAsync(byte[] request, SocketAddress destination, NasSimulatorBehavior behavior)
    {
        try
        {
            await Task.Delay(behavior.Delay, _stop.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        RadiusPacketReader.TryParse(request, out RadiusPacketReader parsed);
        Answer(parsed, destination, new byte[RadiusPacketLimits.MaxPacketLength], behavior);
    }

    private void Answer(RadiusPacketReader request, SocketAddress destination, byte[] send, NasSimulatorBehavior behavior)
    {
        bool nak = behavior.NakErrorCause is not null;
        var code = (RadiusCode)((byte)request.Code + (nak ? 2 : 1));
        var writer = new RadiusPacketWriter(send, code, request.Identifier);
        if (behavior.SendMessageAuthenticator)
        {
            writer.AddMessageAuthenticator();
        }

        if (nak)
        {
            writer.AddUInt32(RadiusAttributeType.ErrorCause, (uint)behavior.NakErrorCause!.Value);
        }

        IReadOnlyList<byte> echo = behavior.EchoTypes;
        for (int i = 0; i < echo.Count; i++)
        {
            foreach (RadiusAttributeView attribute in request)
            {
                if (attribute.Type == echo[i])
                {
                    writer.AddRaw(request.Span.Slice(attribute.Offset, attribute.Length));
                }
            }
        }

        // RFC 5176 §3.1: every Proxy-State copied, in order.
        foreach (RadiusAttributeView attribute in request)
        {
            if (attribute.Type == RadiusAttributeType.ProxyState)
            {
                writer.AddRaw(request.Span.Slice(attribute.Offset, attribute.Length));
            }
        }

        Span<byte> answer = writer.Written;
        SharedSecret secret = Volatile.Read(ref _answerSecret) ?? _secret;
        if (behavior.ZeroedMessageAuthenticatorBug && behavior.SendMessageAuthenticator)
        {
            SignWithZeroedMessageAuthenticator(answer, request.Authenticator, secret);
        }
        else
        {
            RadiusAuthenticator.SignResponse(answer, request.Authenticator, secret);
        }

        try
        {
            _socket.SendTo(answer, SocketFlags.None, destination);
            Interlocked.Increment(ref _answered);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client went away or we are stopping.
        }
    }

    // FreeRADIUS 3.2.0–3.2.3: HMAC over the answer with a zeroed authenticator field, then a correct Response
    // Authenticator (MD5 over Code|Id|Length|RequestAuth|Attributes|Secret).
    private static void SignWithZeroedMessageAuthenticator(Span<byte> answer, ReadOnlySpan<byte> requestAuthenticator, SharedSecret secret)
    {
        RadiusAuthenticator.SignResponse(answer, default, secret);
        requestAuthenticator.CopyTo(answer[4..]);
        byte[] input = new byte[answer.Length + secret.Bytes.Length];
        answer.CopyTo(input);
        secret.Bytes.CopyTo(input.AsSpan(answer.Length));
        MD5.HashData(input, answer.Slice(4, 16));
    }

    private NasReceivedPacket Decode(RadiusPacketReader request, SocketAddress source)
    {
        var attributes = new List<KeyValuePair<byte, byte[]>>();
        var proxyStates = new List<byte[]>();
        string? userName = null, sessionId = null, nasIdentifier = null, tunnelPassword = null;
        byte[]? eventTimestamp = null;
        bool undecryptable = false, maFirst = false;
        foreach (RadiusAttributeView attribute in request)
        {
            if (attributes.Count == 0 && attribute.Type == RadiusAttributeType.MessageAuthenticator)
            {
                maFirst = true;
            }

            attributes.Add(new(attribute.Type, attribute.Value.ToArray()));
            switch (attribute.Type)
            {
                case RadiusAttributeType.UserName:
                    userName = Encoding.UTF8.GetString(attribute.Value);
                    break;
                case RadiusAttributeType.AcctSessionId:
                    sessionId = Encoding.UTF8.GetString(attribute.Value);
                    break;
                case RadiusAttributeType.NasIdentifier:
                    nasIdentifier = Encoding.UTF8.GetString(attribute.Value);
                    break;
                case RadiusAttributeType.ProxyState:
                    proxyStates.Add(attribute.Value.ToArray());
                    break;
                case RadiusAttributeType.EventTimestamp:
                    eventTimestamp = attribute.Value.ToArray();
                    break;
                case RadiusAttributeType.TunnelPassword:
                    tunnelPassword = DecryptTunnelPassword(request, attribute.Value);
                    undecryptable = tunnelPassword is null;
                    break;
            }
        }

        var endpoint = (IPEndPoint)new IPEndPoint(IPAddress.Any, 0).Create(source);
        return new NasReceivedPacket
        {
            Bytes = request.Span.ToArray(),
            Code = request.Code,
            Identifier = request.Identifier,
            Source = endpoint,
            Attributes = attributes,
            UserName = userName,
            AcctSessionId = sessionId,
            NasIdentifier = nasIdentifier,
            ProxyStates = proxyStates,
            TunnelPassword = tunnelPassword,
            TunnelPasswordUndecryptable = undecryptable,
            HasMessageAuthenticator = request.MessageAuthenticatorOffset >= 0,
            MessageAuthenticatorFirst = maFirst,
            EventTimestamp = eventTimestamp,
        };
    }

    private string? DecryptTunnelPassword(RadiusPacketReader request, ReadOnlySpan<byte> value)
    {
        // Tag octet, then salt + cipher (RFC 2868 §3.5).
        if (value.Length < 2)
        {
            return null;
        }

        Span<byte> plain = stackalloc byte[256];
        ReadOnlySpan<byte> vector = TunnelPasswordCipher.SelectVector(request.Code, request.Authenticator);
        return TunnelPasswordCipher.TryDecrypt(value[1..], vector, _secret, plain, out int written)
            ? Encoding.UTF8.GetString(plain[..written])
            : null;
    }
}
