using System.Data.Common;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RadiusDisconnectProxy.Configuration;
using RadiusDisconnectProxy.Configuration.Validation;
using RadiusDisconnectProxy.Drivers;
using RadiusDisconnectProxy.Pipeline;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;
using RadiusDisconnectProxy.Routing;

namespace RadiusDisconnectProxy.Fuzz.Targets;

/// <summary>
/// A datagram on UDP 3799. First as received (random bytes: dropped at the Request Authenticator, never answered);
/// then the same bytes made authentic — code 40/43, Length fixed, Message-Authenticator and Request Authenticator
/// computed with the client's secret — so the fuzzer reaches the attribute checks, the decoder, the prechecks and
/// the answer builder behind the authenticator. The driver answers NAK with the input's tail as relayed attributes.
/// Invariants: nothing throws; only authentic requests are answered; every answer parses, fits 4096 octets, is
/// signed over the request, and echoes the request's Proxy-State attributes in order.
/// </summary>
internal sealed class PacketTarget : IFuzzTarget, IDisposable
{
    private const string Secret = "fuzzing-secret";
    private static readonly SharedSecret s_secret = new(Secret);
    private readonly ServiceProvider _services;
    private readonly RequestPipeline _pipeline;
    private readonly CapturingTransport _transport = new();
    private readonly SocketAddress _source = new IPEndPoint(IPAddress.Loopback, 1).Serialize();
    private readonly byte[] _buffer = new byte[RadiusPacketLimits.MaxPacketLength];
    private readonly FuzzDriver _driver = new();
    private ushort _port;

    public PacketTarget()
    {
        var security = new SecurityOptions { RequireMessageAuthenticator = RequireMessageAuthenticator.No, DuplicateCacheSize = 4096 };
        var options = new ProxyOptions
        {
            Clients = [new ClientOptions { Name = "fuzz", Networks = [IPNetwork.Parse("127.0.0.0/8")], Secret = Secret, Security = security }],
            Nases = [new NasTarget { Name = "nas1", Type = FuzzDriver.TypeName, NasIdentifier = "nas1", Addresses = [IPAddress.Loopback], Settings = new FuzzNasSettings() }],
            Security = security,
            AuditEnabled = false,
        };
        var services = new ServiceCollection();
        services.AddLogging();
        // Registered through the list of NAS types like any type, so the executor reaches the driver.
        services.AddSingleton(NasTypes.Builtin.With(new FuzzNasType()));
        services.AddSingleton<INasDriver>(_driver);
        services.AddPipeline(options);
        _services = services.BuildServiceProvider();
        _pipeline = _services.GetRequiredService<RequestPipeline>();
    }

    public string Name => "packet";

    public void Run(ReadOnlySpan<byte> data)
    {
        // 1. As received: the reader walks it, the pipeline must drop it unanswered (it cannot be signed by chance).
        if (RadiusPacketReader.TryParse(data, out RadiusPacketReader raw) == PacketParseError.None)
        {
            foreach (RadiusAttributeView attribute in raw)
            {
                _ = attribute.Value.Length;
            }
        }

        NextSource();
        _pipeline.Process(data, _source, _transport);
        if (_transport.Answer is not null && !RadiusAuthenticator.VerifyRequestAuthenticator(data, s_secret))
        {
            throw new InvalidOperationException("an unauthenticated datagram was answered");
        }

        // 2. Made authentic.
        if (data.Length < RadiusPacketLimits.HeaderLength)
        {
            return;
        }

        int length = Math.Min(data.Length, RadiusPacketLimits.MaxPacketLength);
        Span<byte> packet = _buffer.AsSpan(0, length);
        data[..length].CopyTo(packet);
        packet[0] = (data[0] & 1) == 0 ? (byte)RadiusCode.DisconnectRequest : (byte)RadiusCode.CoaRequest;
        packet[2] = (byte)(length >> 8);
        packet[3] = (byte)length;
        if (RadiusPacketReader.TryParse(packet, out _) != PacketParseError.None)
        {
            return;
        }

        RadiusAuthenticator.SignRequest(packet, s_secret);
        _driver.Relayed = data.Length > 64 ? data[^(data[1] % 64)..].ToArray() : default;
        NextSource();
        _pipeline.Process(packet, _source, _transport);
        if (_transport.Answer is { } answer)
        {
            CheckAnswer(packet, answer);
        }
    }

    private void NextSource()
    {
        _transport.Answer = null;
        _port++;
        _source.Buffer.Span[2] = (byte)(_port >> 8);
        _source.Buffer.Span[3] = (byte)_port;
    }

    private static void CheckAnswer(ReadOnlySpan<byte> request, byte[] answer)
    {
        PacketParseError parse = RadiusPacketReader.TryParse(answer, out RadiusPacketReader reader);
        string? problem = answer.Length > RadiusPacketLimits.MaxPacketLength ? "exceeds 4096 octets"
            : parse != PacketParseError.None ? "does not parse: " + parse
            : answer[0] - request[0] is not (1 or 2) || answer[1] != request[1] ? "has the wrong code or Identifier"
            : !RadiusAuthenticator.VerifyResponseAuthenticator(answer, request.Slice(4, 16), s_secret) ? "is not signed over its request"
            : null;
        if (problem is not null)
        {
            throw new InvalidOperationException($"an answer that {problem}: {Convert.ToHexString(answer)}");
        }

        RadiusPacketReader.TryParse(request, out RadiusPacketReader requestReader);
        var requestStates = new List<byte[]>();
        foreach (RadiusAttributeView attribute in requestReader)
        {
            if (attribute.Type == RadiusAttributeType.ProxyState)
            {
                requestStates.Add(attribute.Value.ToArray());
            }
        }

        int i = 0;
        foreach (RadiusAttributeView attribute in reader)
        {
            if (attribute.Type == RadiusAttributeType.ProxyState
                && (i >= requestStates.Count || !attribute.Value.SequenceEqual(requestStates[i++])))
            {
                throw new InvalidOperationException("the answer does not echo the request's Proxy-State attributes in order");
            }
        }

        if (i != requestStates.Count)
        {
            throw new InvalidOperationException("the answer lost a Proxy-State attribute");
        }
    }

    public void Dispose() => _services.Dispose();

    private sealed class CapturingTransport : IAnswerTransport
    {
        public byte[]? Answer { get; set; }

        public void Send(ReadOnlySpan<byte> answer, SocketAddress destination) => Answer = answer.ToArray();
    }

    private sealed class FuzzDriver : INasDriver
    {
        public const string TypeName = "fuzz";

        public byte[]? Relayed { get; set; }

        public string Type => TypeName;

        public ValueTask<DriverResult> ExecuteAsync(DynamicAuthorizationRequest request, NasTarget nas, CancellationToken cancellationToken) =>
            ValueTask.FromResult(Relayed is { Length: > 0 } relayed
                ? DriverResult.Nak(ErrorCause.SessionContextNotFound) with { RelayedAttributes = relayed }
                : DriverResult.Ack());
    }

    private sealed record FuzzNasSettings : NasSettings;

    /// <summary>The fuzz driver's entry in the list of NAS types: Disconnect and CoA, no keys, no database rows.</summary>
    private sealed class FuzzNasType : NasType
    {
        public override string Name => FuzzDriver.TypeName;

        public override NasCapabilities Capabilities => NasCapabilities.Disconnect | NasCapabilities.Coa;

        public override IReadOnlyCollection<string> ConfigKeys => [];

        public override NasSettings ReadSettings(NasSection section) => new FuzzNasSettings();

        public override ValueTask<DatabaseMapping> FromDatabaseAsync(DatabaseNas row, string nasIdentifier, IPAddress? nasIp,
            DbConnection connection, CancellationToken cancellationToken) =>
            ValueTask.FromResult(DatabaseMapping.Of(new FuzzNasSettings()));

        public override string Describe(NasSettings settings) => "fuzz driver";

        public override void AddServices(IServiceCollection services, ProxyOptions options)
        {
        }
    }
}
