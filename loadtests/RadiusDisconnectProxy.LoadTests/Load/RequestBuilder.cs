using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Text;
using RadiusDisconnectProxy.Radius.Attributes;
using RadiusDisconnectProxy.Radius.Crypto;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.LoadTests.Load;

/// <summary>
/// Builds request number n into a caller's (pooled) buffer with the project's own codec and signs it:
/// Message-Authenticator first (RFC 3579 §3.2, Blast-RADIUS hardening), then the Request
/// Authenticator (RFC 5176 §2.3). No allocation per request.
/// </summary>
internal sealed class RequestBuilder
{
    private const byte WisprBandwidthMaxUp = 7;
    private const byte WisprBandwidthMaxDown = 8;

    private readonly RequestTemplate _template;
    private readonly SharedSecret _secret;
    private readonly CompositeFormat? _userFormat;
    private readonly CompositeFormat? _nasFormat;
    private readonly IPAddress[] _nasIps;

    public RequestBuilder(RequestTemplate template, SharedSecret secret)
    {
        _template = template;
        _secret = secret;
        _userFormat = template.UserName is null ? null : CompositeFormat.Parse(template.UserName);
        _nasFormat = template.NasIdentifier is null ? null : CompositeFormat.Parse(template.NasIdentifier);
        _nasIps = [.. template.NasIpAddresses];
    }

    /// <summary>Whether request <paramref name="sequence"/> is a CoA-Request (the mix is spread evenly over every 100).</summary>
    public bool IsCoa(long sequence) => (sequence + _template.SequenceOffset) % 100 < _template.CoaPercent;

    /// <summary>Writes request <paramref name="sequence"/> into <paramref name="buffer"/> (≥ 4096 bytes); returns its length.</summary>
    public int Build(Span<byte> buffer, byte identifier, long sequence)
    {
        long n = sequence + _template.SequenceOffset;
        bool coa = IsCoa(sequence);
        var writer = new RadiusPacketWriter(buffer, coa ? RadiusCode.CoaRequest : RadiusCode.DisconnectRequest, identifier);
        if (_template.MessageAuthenticator)
        {
            writer.AddMessageAuthenticator();
        }

        Span<char> text = stackalloc char[64];
        int written;
        if (_userFormat is not null && text.TryWrite(CultureInfo.InvariantCulture, _userFormat, out written, n % _template.Users))
        {
            writer.AddString(RadiusAttributeType.UserName, text[..written]);
        }

        if (_template.AcctSessionId && n.TryFormat(text, out written, "X16", CultureInfo.InvariantCulture))
        {
            writer.AddString(RadiusAttributeType.AcctSessionId, text[..written]);
        }

        if (_template.NasIdentifiers.Count > 0)
        {
            writer.AddString(RadiusAttributeType.NasIdentifier, _template.NasIdentifiers[(int)(n % _template.NasIdentifiers.Count)]);
        }
        else if (_nasFormat is not null
            && text.TryWrite(CultureInfo.InvariantCulture, _nasFormat, out written, _template.NasStart + (n % _template.NasCount)))
        {
            writer.AddString(RadiusAttributeType.NasIdentifier, text[..written]);
        }

        if (_nasIps.Length > 0)
        {
            writer.AddIPv4(RadiusAttributeType.NasIpAddress, _nasIps[n % _nasIps.Length]);
        }

        if (_template.Macs > 0 && LoadNaming.TryFormatMac(n % _template.Macs, text, out written))
        {
            writer.AddString(RadiusAttributeType.CallingStationId, text[..written]);
        }

        if (_template.EventTimestamp)
        {
            writer.AddUInt32(RadiusAttributeType.EventTimestamp, (uint)DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        }

        if (coa)
        {
            Span<byte> value = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(value, _template.CoaBandwidthUp);
            writer.AddVendor(VendorIds.Wispr, WisprBandwidthMaxUp, value);
            BinaryPrimitives.WriteUInt32BigEndian(value, _template.CoaBandwidthDown);
            writer.AddVendor(VendorIds.Wispr, WisprBandwidthMaxDown, value);
        }

        int length = writer.Length;
        RadiusAuthenticator.SignRequest(buffer[..length], _secret);
        return length;
    }
}
