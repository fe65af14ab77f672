using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Numbers for the fast scanner, read straight from the frame: one 16-byte load finds where the digits, the dot and
/// the closing quote are, a byte shuffle packs the digits that matter right-aligned, and three multiply-add steps
/// turn 16 digits into two 8-digit halves (the SSSE3/SSE4.1 form of the 8-digits-per-<c>ulong</c> SWAR trick).
/// Results equal <see cref="FastDecimal"/>'s (hence <see cref="FixedPoint"/>'s) for every input accepted here;
/// anything else (near the end of the frame, long, signed, exponent, off-grid) goes through
/// <see cref="FastDecimal"/> itself or makes the caller fall back to the reader.
/// </summary>
internal static unsafe class SimdNumber
{
    // Shuffle controls indexed [intDigits * 16 + fracDigitsKept]: the int digits (source 0..i-1) then the kept
    // fraction digits (source i+1..i+k, skipping the dot) right-aligned in 16 bytes; 0x80 selects zero.
    private static readonly byte* Controls = BuildControls();

    private static readonly bool Supported = Ssse3.IsSupported && Sse41.IsSupported;

    /// <summary>
    /// Parses the decimal string starting at <paramref name="s"/> (just after the opening quote) at
    /// <paramref name="decimals"/> decimals. Returns the closing quote, or null when the string is not an
    /// on-grid, in-range decimal (the caller then lets the reader path report why).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* QuotedDecimal(byte* s, byte* end, int decimals, out long value)
    {
        if (Supported && end - s > 0 && (uint)decimals <= 10)
        {
            // Near the frame's end (the last field), the tail padded with zero bytes: never a digit, dot or quote.
            var raw = end - s >= 16 ? Vector128.Load(s) : JsonText.LoadTail(s, end);
            var d = raw - Vector128.Create((byte)'0');
            uint nonDigits = Vector128.GreaterThan(d, Vector128.Create((byte)9)).ExtractMostSignificantBits();
            int i = BitOperations.TrailingZeroCount(nonDigits);
            if ((uint)(i - 1) < 15u && i + decimals <= 18)
            {
                byte c = raw.GetElement(i);
                int j = i, kept = 0;
                if (c == (byte)'.')
                {
                    int frac = BitOperations.TrailingZeroCount(nonDigits >> (i + 1));
                    j = i + 1 + frac;
                    if (frac == 0 || j > 15 || raw.GetElement(j) != (byte)'"') return QuotedSlow(s, end, decimals, out value);
                    kept = frac;
                    if (frac > decimals)
                    {
                        // Digits past the symbol's scale must be zeros, else the price is off its grid.
                        uint zeros = Vector128.Equals(d, Vector128<byte>.Zero).ExtractMostSignificantBits();
                        uint need = ((1u << j) - 1) & ~((1u << (i + 1 + decimals)) - 1);
                        if ((zeros & need) != need) return QuotedSlow(s, end, decimals, out value);
                        kept = decimals;
                    }
                }
                else if (c != (byte)'"') return QuotedSlow(s, end, decimals, out value);
                value = Digits(d, (i << 4) | kept) * FixedPoint.PowerOfTen(decimals - kept);
                return s + j;
            }
        }
        return QuotedSlow(s, end, decimals, out value);
    }

    /// <summary>
    /// Parses an unquoted non-negative JSON integer (no sign, fraction, exponent or leading zero, at most 18
    /// digits). Returns the byte after the last digit, or null (the reader path decides about anything else).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte* Integer(byte* s, byte* end, out long value)
    {
        if (Supported && end - s > 0)
        {
            var raw = end - s >= 16 ? Vector128.Load(s) : JsonText.LoadTail(s, end);
            var d = raw - Vector128.Create((byte)'0');
            uint nonDigits = Vector128.GreaterThan(d, Vector128.Create((byte)9)).ExtractMostSignificantBits();
            int n = BitOperations.TrailingZeroCount(nonDigits);
            if ((uint)(n - 1) < 15u && (s[0] != (byte)'0' || n == 1))
            {
                value = Digits(d, n << 4);
                return s + n;
            }
        }
        return IntegerSlow(s, end, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long Digits(Vector128<byte> digits, int control)
    {
        var aligned = Ssse3.Shuffle(digits, Vector128.Load(Controls + (control << 4)));
        var pairs = Ssse3.MultiplyAddAdjacent(aligned, Vector128.Create((sbyte)10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1));
        var quads = Sse2.MultiplyAddAdjacent(pairs, Vector128.Create((short)100, 1, 100, 1, 100, 1, 100, 1));
        var packed = Sse41.PackUnsignedSaturate(quads, quads).AsInt16();
        var octs = Sse2.MultiplyAddAdjacent(packed, Vector128.Create((short)10000, 1, 10000, 1, 10000, 1, 10000, 1));
        return (long)(uint)octs.ToScalar() * 100_000_000L + (uint)octs.GetElement(1);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* QuotedSlow(byte* s, byte* end, int decimals, out long value)
    {
        value = 0;
        byte* q = JsonText.SkipString(s, end);
        if (q == null) return null;
        return FastDecimal.TryParse(new ReadOnlySpan<byte>(s, (int)(q - s)), decimals, out value) == FixedPointStatus.Ok ? q : null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static byte* IntegerSlow(byte* s, byte* end, out long value)
    {
        value = 0;
        long acc = 0;
        byte* p = s;
        while (p < end && (uint)(*p - '0') <= 9)
        {
            if (p - s == 18) return null; // 19 digits may overflow: the reader checks the range
            acc = acc * 10 + (*p - '0');
            p++;
        }
        if (p == s || (*s == (byte)'0' && p - s > 1)) return null;
        value = acc;
        return p;
    }

    private static byte* BuildControls()
    {
        var table = (byte*)NativeMemory.AlignedAlloc(16 * 16 * 16, 64); // lives as long as the process
        for (int i = 0; i < 16; i++)
        {
            for (int k = 0; k < 16; k++)
            {
                byte* row = table + (((i << 4) | k) << 4);
                for (int o = 0; o < 16; o++) row[o] = 0x80;
                int total = i + k;
                if (total > 16) continue;
                for (int m = 0; m < total; m++) row[16 - total + m] = (byte)(m < i ? m : m + 1);
            }
        }
        return table;
    }
}
