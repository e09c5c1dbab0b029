using System.Buffers;
using System.Buffers.Binary;

namespace RadiusDisconnectProxy.RouterOs.Protocol;

/// <summary>
/// The length prefix of an API word (MikroTik API manual, "API words"): big-endian, 1 to 5 bytes, the number of
/// leading one bits of the first byte telling how many bytes follow. First bytes 0xF1..0xFF are control bytes
/// (0xF8..0xFF reserved, 0xF1..0xF7 never produced by a router): a client that sees one cannot continue.
/// </summary>
public static class WordLength
{
    /// <summary>The longest encoded prefix.</summary>
    public const int MaxPrefixSize = 5;

    /// <summary>The number of bytes <see cref="Encode"/> writes for <paramref name="length"/>.</summary>
    public static int GetEncodedSize(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return length switch
        {
            < 0x80 => 1,
            < 0x4000 => 2,
            < 0x200000 => 3,
            < 0x10000000 => 4,
            _ => 5,
        };
    }

    /// <summary>Writes the prefix for <paramref name="length"/> and returns the number of bytes written.</summary>
    public static int Encode(Span<byte> destination, int length)
    {
        int size = GetEncodedSize(length);
        uint value = (uint)length;
        switch (size)
        {
            case 1:
                destination[0] = (byte)value;
                break;
            case 2:
                BinaryPrimitives.WriteUInt16BigEndian(destination, (ushort)(value | 0x8000));
                break;
            case 3:
                value |= 0xC00000;
                destination[0] = (byte)(value >> 16);
                destination[1] = (byte)(value >> 8);
                destination[2] = (byte)value;
                break;
            case 4:
                BinaryPrimitives.WriteUInt32BigEndian(destination, value | 0xE0000000);
                break;
            default:
                destination[0] = 0xF0;
                BinaryPrimitives.WriteUInt32BigEndian(destination[1..], value);
                break;
        }

        return size;
    }

    /// <summary>
    /// Decodes a prefix. <see cref="OperationStatus.NeedMoreData"/> when <paramref name="source"/> is too short,
    /// <see cref="OperationStatus.InvalidData"/> for a control byte or a length above <see cref="int.MaxValue"/>.
    /// </summary>
    public static OperationStatus TryDecode(ReadOnlySpan<byte> source, out int length, out int consumed)
    {
        length = 0;
        consumed = 0;
        if (source.IsEmpty)
        {
            return OperationStatus.NeedMoreData;
        }

        byte first = source[0];
        int size = first switch
        {
            < 0x80 => 1,
            < 0xC0 => 2,
            < 0xE0 => 3,
            < 0xF0 => 4,
            0xF0 => 5,
            _ => 0,
        };
        if (size == 0)
        {
            return OperationStatus.InvalidData;
        }

        if (source.Length < size)
        {
            return OperationStatus.NeedMoreData;
        }

        uint value = size switch
        {
            1 => first,
            2 => BinaryPrimitives.ReadUInt16BigEndian(source) & 0x3FFFu,
            3 => ((uint)(first & 0x1F) << 16) | ((uint)source[1] << 8) | source[2],
            4 => BinaryPrimitives.ReadUInt32BigEndian(source) & 0x0FFFFFFFu,
            _ => BinaryPrimitives.ReadUInt32BigEndian(source[1..]),
        };
        if (value > int.MaxValue)
        {
            return OperationStatus.InvalidData;
        }

        length = (int)value;
        consumed = size;
        return OperationStatus.Done;
    }
}
