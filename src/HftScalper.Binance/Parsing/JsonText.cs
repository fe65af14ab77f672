using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Binance.Parsing;

/// <summary>Byte-level helpers of the fast scanner: string ends, literals, unaligned little-endian loads.</summary>
internal static unsafe class JsonText
{
    /// <summary>
    /// From the first byte after an opening quote, returns the closing quote, or null if the string runs past
    /// <paramref name="end"/> or holds an escape, a control byte or a non-ASCII byte (all legal JSON that Binance
    /// never sends in the fields we read: the reader path takes those frames).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* SkipString(byte* s, byte* end)
    {
        while (end - s >= 16)
        {
            uint bits = SpecialBits(Vector128.Load(s));
            if (bits != 0)
            {
                byte* at = s + BitOperations.TrailingZeroCount(bits);
                return *at == (byte)'"' ? at : null;
            }
            s += 16;
        }
        return SkipStringTail(s, end);
    }

    /// <summary>Skips a scalar value of a field we do not read: a plain string, a non-negative integer,
    /// <c>true</c>, <c>false</c> or <c>null</c>. Null for anything else (nested, signed, fractional, ...).</summary>
    public static byte* SkipScalar(byte* p, byte* end)
    {
        if (p >= end) return null;
        switch (*p)
        {
            case (byte)'"':
                byte* q = SkipString(p + 1, end);
                return q == null ? null : q + 1;
            case (byte)'t': return end - p >= 4 && Read32(p) == True ? p + 4 : null;
            case (byte)'n': return end - p >= 4 && Read32(p) == Null ? p + 4 : null;
            case (byte)'f': return end - p >= 5 && Read32(p + 1) == Alse ? p + 5 : null;
            default:
                return SimdNumber.Integer(p, end, out _);
        }
    }

    /// <summary>"true" as a little-endian 32-bit load.</summary>
    public static readonly uint True = Read32("true"u8);

    /// <summary>"alse" (the tail of "false") as a little-endian 32-bit load.</summary>
    public static readonly uint Alse = Read32("alse"u8);

    /// <summary>"null" as a little-endian 32-bit load.</summary>
    public static readonly uint Null = Read32("null"u8);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Read64(byte* p) => Unsafe.ReadUnaligned<ulong>(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Read32(byte* p) => Unsafe.ReadUnaligned<uint>(p);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ushort Read16(byte* p) => Unsafe.ReadUnaligned<ushort>(p);

    public static ulong Read64(ReadOnlySpan<byte> s) => BitConverter.ToUInt64(s);

    public static uint Read32(ReadOnlySpan<byte> s) => BitConverter.ToUInt32(s);

    public static ushort Read16(ReadOnlySpan<byte> s) => BitConverter.ToUInt16(s);

    /// <summary>
    /// The last <c>end - s</c> (0..15) bytes of a frame in a vector padded with zero bytes, so the last field of a
    /// frame (a bookTicker's best ask quantity, say) takes the same vector path as the others. A zero byte is neither
    /// a digit nor a quote, so nothing read from the padding can be mistaken for frame content.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> LoadTail(byte* s, byte* end)
    {
        Vector128<byte> v = default;
        Unsafe.CopyBlockUnaligned(&v, s, (uint)(end - s));
        return v;
    }

    // One bit per byte that ends or spoils a plain string: a quote, a backslash, a control or a non-ASCII byte
    // (negative as a signed byte, so below 0x20 too).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint SpecialBits(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)'"'))
         | Vector128.Equals(v, Vector128.Create((byte)'\\'))
         | Vector128.LessThan(v.AsSByte(), Vector128.Create((sbyte)0x20)).AsByte()).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* SkipStringTail(byte* s, byte* end)
    {
        int n = (int)(end - s);
        if (n <= 0) return null;
        var v = LoadTail(s, end);
        uint bits = SpecialBits(v) & ((1u << n) - 1);
        if (bits == 0) return null; // the string runs past the end of the frame
        int at = BitOperations.TrailingZeroCount(bits);
        return v.GetElement(at) == (byte)'"' ? s + at : null;
    }
}
