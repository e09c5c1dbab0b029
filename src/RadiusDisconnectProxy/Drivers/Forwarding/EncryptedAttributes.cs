using System.Buffers.Binary;
using RadiusDisconnectProxy.Radius.Attributes;

namespace RadiusDisconnectProxy.Drivers.Forwarding;

/// <summary>
/// The <c>encrypt=2</c> attributes of the FreeRADIUS 3.2 dictionaries that a CoA-Request can plausibly carry, so the
/// forwarder can re-key them (their cipher depends on the shared secret). Tagged ones (<c>has_tag</c>) carry a tag
/// octet before the salt. VSAs are looked for in the RFC 2865 §5.26 layout (vendor id, then type/length/value).
/// </summary>
internal static class EncryptedAttributes
{
    private const uint Microsoft = 311;
    private const uint Lancom = 2356;
    private const uint Erx = 4874;
    private const uint AlcatelServiceRouter = 6527;
    private const uint Aruba = 14823;

    /// <summary>Re-keys every encrypt=2 value inside one whole attribute (type, length, value) in place.</summary>
    public static bool TryRecryptAttribute(Span<byte> attribute, ReadOnlySpan<byte> fromSecret, ReadOnlySpan<byte> toSecret)
    {
        byte type = attribute[0];
        Span<byte> value = attribute[2..];
        if (type == RadiusAttributeType.TunnelPassword)
        {
            // RFC 2868 §3.5: tag octet, then salt and cipher.
            return value.Length > 1 && SaltEncryptedValue.TryRecrypt(value[1..], fromSecret, toSecret);
        }

        if (type != RadiusAttributeType.VendorSpecific || value.Length < 6)
        {
            return true;
        }

        uint vendor = BinaryPrimitives.ReadUInt32BigEndian(value);
        if (!IsVendorWithEncryptedAttributes(vendor))
        {
            return true;
        }

        Span<byte> subAttributes = value[4..];
        if (!IsWellFormed(subAttributes))
        {
            return true;
        }

        while (!subAttributes.IsEmpty)
        {
            int length = subAttributes[1];
            switch (Classify(vendor, subAttributes[0]))
            {
                case Kind.Plain when !SaltEncryptedValue.TryRecrypt(subAttributes[2..length], fromSecret, toSecret):
                case Kind.Tagged when length < 3 || !SaltEncryptedValue.TryRecrypt(subAttributes[3..length], fromSecret, toSecret):
                    return false;
            }

            subAttributes = subAttributes[length..];
        }

        return true;
    }

    /// <summary>Whether the attribute needs <see cref="TryRecryptAttribute"/> at all (cheap pre-check on the fast path).</summary>
    public static bool MayContainEncrypted(byte type, ReadOnlySpan<byte> value) =>
        type == RadiusAttributeType.TunnelPassword
        || (type == RadiusAttributeType.VendorSpecific && value.Length >= 6
            && IsVendorWithEncryptedAttributes(BinaryPrimitives.ReadUInt32BigEndian(value)));

    private static bool IsVendorWithEncryptedAttributes(uint vendor) =>
        vendor is Microsoft or Lancom or Erx or AlcatelServiceRouter or Aruba;

    private static Kind Classify(uint vendor, byte type) => vendor switch
    {
        Microsoft when type is 16 or 17 => Kind.Plain,                                   // MS-MPPE-Send-Key, MS-MPPE-Recv-Key
        Lancom when type is 19 or 20 => Kind.Tagged,                                     // LCS-IKEv2-Local/Remote-Password
        Erx when type is >= 58 and <= 61 => Kind.Plain,                                  // ERX-LI-Action … ERX-Med-Port-Number
        AlcatelServiceRouter when type is (>= 122 and <= 125) or 138 or 139 or 142 => Kind.Plain, // Alc-LI-*, Alc-APN-Password
        Aruba when type == 44 => Kind.Plain,                                             // Aruba-MPSK-Passphrase
        _ => Kind.None,
    };

    private static bool IsWellFormed(ReadOnlySpan<byte> subAttributes)
    {
        while (!subAttributes.IsEmpty)
        {
            if (subAttributes.Length < 2 || subAttributes[1] < 2 || subAttributes[1] > subAttributes.Length)
            {
                return false;
            }

            subAttributes = subAttributes[subAttributes[1]..];
        }

        return true;
    }

    private enum Kind
    {
        None,
        Plain,
        Tagged,
    }
}
