using System.Buffers.Binary;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.TestSupport.RadSec;

/// <summary>
/// The project's own RadSec client (RFC 6614, RFC 6613 framing; RADIUS/1.1 per RFC 9765 when negotiated): a DAC that
/// connects with a client certificate, checks the server against a CA file, and sends Disconnect/CoA-Requests and
/// Status-Server over one connection. Used by tests and by the load tool's <c>--tls</c> mode.
/// </summary>
public sealed class RadSecTestClient : IAsyncDisposable
{
    public const string Secret = "radsec";
    private static readonly SharedSecret s_secret = new(Secret);
    private readonly TcpClient _tcp;
    private readonly SslStream _stream;
    private readonly byte[] _readBuffer = new byte[64 * 1024];
    private int _start;
    private int _end;
    private uint _token = (uint)RandomNumberGenerator.GetInt32(int.MaxValue);
    private byte _identifier;

    private RadSecTestClient(TcpClient tcp, SslStream stream)
    {
        _tcp = tcp;
        _stream = stream;
        IsRadius11 = stream.NegotiatedApplicationProtocol == new SslApplicationProtocol("radius/1.1");
    }

    /// <summary>RADIUS/1.1 was negotiated: Token instead of Identifier and authenticators, no MD5 (RFC 9765 §4).</summary>
    public bool IsRadius11 { get; }

    public SslProtocols Protocol => _stream.SslProtocol;

    /// <summary>The certificate the server presented in this connection's handshake.</summary>
    public X509Certificate2? ServerCertificate => _stream.RemoteCertificate as X509Certificate2;

    /// <summary>Connects and completes the TLS handshake (throws <see cref="AuthenticationException"/> or <see cref="IOException"/> when refused).</summary>
    /// <param name="alpn">ALPN names to offer ("radius/1.1", "radius/1.0"); null = none (historic RadSec).</param>
    /// <param name="localAddress">The source address (e.g. 127.0.0.2, to be another client than 127.0.0.1); null = any.</param>
    public static async Task<RadSecTestClient> ConnectAsync(IPEndPoint server, X509Certificate2? clientCertificate, string caFile,
        IReadOnlyList<string>? alpn = null, SslProtocols protocols = SslProtocols.None, CancellationToken cancellationToken = default,
        IPAddress? localAddress = null)
    {
        var tcp = localAddress is null ? new TcpClient(server.AddressFamily) : new TcpClient(new IPEndPoint(localAddress, 0));
        tcp.NoDelay = true;
        try
        {
            await tcp.ConnectAsync(server, cancellationToken);
            var anchors = new X509Certificate2Collection();
            anchors.ImportFromPemFile(caFile);
            var stream = new SslStream(tcp.GetStream(), leaveInnerStreamOpen: false);
            var options = new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                EnabledSslProtocols = protocols,
                ClientCertificates = clientCertificate is null ? null : [clientCertificate],
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                ApplicationProtocols = alpn?.Select(a => new SslApplicationProtocol(a)).ToList(),
                RemoteCertificateValidationCallback = (_, certificate, _, _) => VerifyServer(certificate, anchors),
            };
            await stream.AuthenticateAsClientAsync(options, cancellationToken);
            return new RadSecTestClient(tcp, stream);
        }
        catch
        {
            tcp.Dispose();
            throw;
        }
    }

    private static bool VerifyServer(X509Certificate? certificate, X509Certificate2Collection anchors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(anchors);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(certificate as X509Certificate2 ?? new X509Certificate2(certificate));
    }

    /// <summary>
    /// Builds a Disconnect- (40) or CoA-Request (43) for this connection: historic RadSec signs it with "radsec"
    /// (Message-Authenticator first when asked); RADIUS/1.1 puts the next Token in and signs nothing.
    /// </summary>
    public byte[] BuildRequest(RadiusCode code, IEnumerable<(byte Type, string Value)> attributes, bool messageAuthenticator = true)
    {
        Span<byte> buffer = stackalloc byte[RadiusPacketLimits.MaxPacketLength];
        var writer = new RadiusPacketWriter(buffer, code, IsRadius11 ? (byte)0 : _identifier++);
        if (messageAuthenticator && !IsRadius11)
        {
            writer.AddMessageAuthenticator();
        }

        foreach ((byte type, string value) in attributes)
        {
            writer.AddString(type, value);
        }

        Span<byte> packet = writer.Written;
        Sign(packet);
        return packet.ToArray();
    }

    /// <summary>A Status-Server (RFC 5997): random authenticator and Message-Authenticator (historic), or a Token (1.1).</summary>
    public byte[] BuildStatusServer()
    {
        Span<byte> buffer = stackalloc byte[64];
        var writer = new RadiusPacketWriter(buffer, RadiusCode.StatusServer, IsRadius11 ? (byte)0 : _identifier++);
        if (!IsRadius11)
        {
            writer.SetAuthenticator(RandomNumberGenerator.GetBytes(16));
            writer.AddMessageAuthenticator();
        }

        Span<byte> packet = writer.Written;
        Sign(packet);
        return packet.ToArray();
    }

    /// <summary>Fills the header of a packet built elsewhere: signs it (historic) or gives it the next Token (1.1).</summary>
    public void Sign(Span<byte> packet)
    {
        if (IsRadius11)
        {
            packet[1] = 0;
            packet.Slice(4, 16).Clear();
            BinaryPrimitives.WriteUInt32BigEndian(packet[4..], _token++);
        }
        else
        {
            RadiusAuthenticator.SignRequest(packet, s_secret);
        }
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> packet, CancellationToken cancellationToken = default) =>
        _stream.WriteAsync(packet, cancellationToken);

    /// <summary>Sends raw bytes (tests of framing errors).</summary>
    public ValueTask SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        _stream.WriteAsync(bytes, cancellationToken);

    /// <summary>Reads the next framed packet; null when the server closed the connection.</summary>
    public async Task<byte[]?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_end - _start >= 4)
            {
                int length = BinaryPrimitives.ReadUInt16BigEndian(_readBuffer.AsSpan(_start + 2));
                if (length < 20)
                {
                    throw new InvalidDataException($"the server sent a Length of {length}");
                }

                if (_end - _start >= length)
                {
                    byte[] packet = _readBuffer.AsSpan(_start, length).ToArray();
                    _start += length;
                    return packet;
                }
            }

            if (_start > 0)
            {
                _readBuffer.AsSpan(_start, _end - _start).CopyTo(_readBuffer);
                _end -= _start;
                _start = 0;
            }

            int read = await _stream.ReadAsync(_readBuffer.AsMemory(_end), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            _end += read;
        }
    }

    /// <summary>Sends one request and waits for its answer (any answer: RADIUS over TLS keeps order per connection here).</summary>
    public async Task<byte[]?> ExchangeAsync(byte[] request, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await SendAsync(request, cts.Token);
        return await ReceiveAsync(cts.Token);
    }

    /// <summary>Whether <paramref name="answer"/> answers <paramref name="request"/>: Token (1.1) or Identifier and Response Authenticator.</summary>
    public bool IsAnswerTo(ReadOnlySpan<byte> answer, ReadOnlySpan<byte> request) => IsRadius11
        ? answer[1] == 0 && answer.Slice(4, 4).SequenceEqual(request.Slice(4, 4)) && !answer.Slice(8, 12).ContainsAnyExcept((byte)0)
        : answer[1] == request[1] && RadiusAuthenticator.VerifyResponseAuthenticator(answer, request.Slice(4, 16), s_secret);

    /// <summary>The Error-Cause of an answer, or null.</summary>
    public static ErrorCause? ErrorCauseOf(ReadOnlySpan<byte> answer) =>
        RadiusPacketReader.TryParse(answer, out RadiusPacketReader packet) == PacketParseError.None
        && packet.TryGetAttribute(RadiusAttributeType.ErrorCause, out ReadOnlySpan<byte> value) && value.Length == 4
            ? (ErrorCause)BinaryPrimitives.ReadUInt32BigEndian(value)
            : null;

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
