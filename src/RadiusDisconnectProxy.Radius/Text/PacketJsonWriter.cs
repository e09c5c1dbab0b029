using System.Text.Json;
using RadiusDisconnectProxy.Radius.Packets;

namespace RadiusDisconnectProxy.Radius.Text;

/// <summary>
/// The `packet decode` JSON (docs/packet-decode.md, "Output"): one object per packet; validity keys only when computable;
/// <c>{"error":"…"}</c> for a malformed packet.
/// </summary>
public static class PacketJsonWriter
{
    public static void Write(Utf8JsonWriter writer, DecodedPacket packet)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(packet);
        writer.WriteStartObject();
        writer.WriteNumber("code", (byte)packet.Code);
        if (RadiusCodeNames.GetName(packet.Code) is { } codeName)
        {
            writer.WriteString("code_name", codeName);
        }

        writer.WriteNumber("identifier", packet.Identifier);
        writer.WriteNumber("length", packet.Length);
        writer.WriteString("authenticator", packet.Authenticator);
        writer.WriteStartArray("attributes");
        foreach (DecodedAttribute attribute in packet.Attributes)
        {
            WriteAttribute(writer, attribute);
        }

        writer.WriteEndArray();
        WriteOptional(writer, "request_authenticator_valid", packet.RequestAuthenticatorValid);
        WriteOptional(writer, "response_authenticator_valid", packet.ResponseAuthenticatorValid);
        WriteOptional(writer, "message_authenticator_valid", packet.MessageAuthenticatorValid);
        writer.WriteEndObject();
    }

    public static void WriteError(Utf8JsonWriter writer, string message)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("error", message);
        writer.WriteEndObject();
    }

    /// <summary>A human message for a parse error.</summary>
    public static string Describe(PacketParseError error) => error switch
    {
        PacketParseError.TooShort => "packet shorter than the 20-octet header",
        PacketParseError.TooLong => "Length field above 4096",
        PacketParseError.DatagramShorterThanLength => "packet shorter than its Length field",
        PacketParseError.AttributeTooShort => "attribute length below 2",
        PacketParseError.AttributeOverrun => "attribute runs past the end of the packet",
        PacketParseError.MessageAuthenticatorBadLength => "Message-Authenticator length is not 18",
        PacketParseError.DuplicateMessageAuthenticator => "more than one Message-Authenticator",
        PacketParseError.VendorSpecificTooShort => "Vendor-Specific shorter than 7 octets",
        _ => error.ToString(),
    };

    private static void WriteAttribute(Utf8JsonWriter writer, DecodedAttribute attribute)
    {
        writer.WriteStartObject();
        writer.WriteNumber("type", attribute.Type);
        if (attribute.ExtendedType is byte extendedType)
        {
            writer.WriteNumber("extended_type", extendedType);
        }

        if (attribute.VendorId is uint vendorId)
        {
            writer.WriteNumber("vendor_id", vendorId);
        }

        if (attribute.VendorType is uint vendorType)
        {
            writer.WriteNumber("vendor_type", vendorType);
        }

        writer.WriteString("name", attribute.Name);
        if (attribute.Tag is int tag)
        {
            writer.WriteNumber("tag", tag);
        }

        writer.WriteString("value", attribute.Value);
        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, bool? value)
    {
        if (value is bool flag)
        {
            writer.WriteBoolean(name, flag);
        }
    }
}
