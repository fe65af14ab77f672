using System.Runtime.CompilerServices;

namespace HftScalper.Core.Numerics;

/// <summary>
/// Parses decimal strings such as <c>"61837.64000000"</c> straight into integers scaled by 10^decimals
/// (ticks or lots), without <c>double</c> or <c>decimal</c>: exact, allocation-free, and rejecting what it
/// cannot represent instead of rounding it.
/// </summary>
public static class FixedPoint
{
    /// <summary>The largest scale supported (10^18 still fits in a long).</summary>
    public const int MaxDecimals = 18;

    private static readonly long[] Pow10 = BuildPowers();
    private const long MinDiv10 = long.MinValue / 10; // -922337203685477580, remainder -8

    /// <summary>10^<paramref name="decimals"/> for 0..18.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long PowerOfTen(int decimals) => Pow10[decimals];

    /// <summary>
    /// Parses UTF-8 <paramref name="text"/> (digits, at most one '.', an optional leading '-') into
    /// <c>value * 10^decimals</c>. Trailing zeros beyond the scale are accepted; non-zero digits beyond it give
    /// <see cref="FixedPointStatus.OffGrid"/>. Never throws; <paramref name="result"/> is 0 unless Ok.
    /// </summary>
    /// <param name="text">The number as UTF-8 bytes, without quotes.</param>
    /// <param name="decimals">The scale, 0..<see cref="MaxDecimals"/>.</param>
    /// <param name="result">The scaled integer.</param>
    /// <param name="allowNegative">Whether a leading '-' is accepted (prices and sizes: no).</param>
    public static FixedPointStatus TryParse(ReadOnlySpan<byte> text, int decimals, out long result, bool allowNegative = false)
    {
        result = 0;
        if (text.IsEmpty) return FixedPointStatus.Empty;
        if ((uint)decimals > MaxDecimals) return FixedPointStatus.BadFormat;

        int i = 0;
        bool negative = false;
        if (text[0] == (byte)'-')
        {
            if (!allowNegative) return FixedPointStatus.Negative;
            negative = true;
            i = 1;
        }

        // Accumulate as a negative number so long.MinValue is representable; overflow checked per digit.
        long acc = 0;
        int digits = 0, fracDigits = 0;
        bool seenDot = false;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - (byte)'0');
            if (d <= 9)
            {
                digits++;
                if (seenDot)
                {
                    if (fracDigits == decimals)
                    {
                        if (d != 0) return FixedPointStatus.OffGrid;
                        continue;
                    }
                    fracDigits++;
                }
                // acc * 10 - d >= long.MinValue  <=>  acc > MinDiv10, or acc == MinDiv10 and d <= 8 (no division per digit).
                if (acc <= MinDiv10 && (acc < MinDiv10 || d > 8)) return FixedPointStatus.Overflow;
                acc = acc * 10 - d;
            }
            else if (text[i] == (byte)'.' && !seenDot)
            {
                seenDot = true;
            }
            else
            {
                return FixedPointStatus.BadFormat;
            }
        }
        if (digits == 0) return FixedPointStatus.BadFormat;

        int missing = decimals - fracDigits;
        if (missing > 0)
        {
            long scale = Pow10[missing];
            if (acc < long.MinValue / scale) return FixedPointStatus.Overflow;
            acc *= scale;
        }

        if (!negative)
        {
            if (acc == long.MinValue) return FixedPointStatus.Overflow;
            acc = -acc;
        }
        result = acc;
        return FixedPointStatus.Ok;
    }

    /// <summary>Parses a UTF-16 string (for configuration and tests); see the UTF-8 overload.</summary>
    public static FixedPointStatus TryParse(string text, int decimals, out long result, bool allowNegative = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        Span<byte> buf = text.Length <= 64 ? stackalloc byte[text.Length] : new byte[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c > 127) return SetZero(out result, FixedPointStatus.BadFormat);
            buf[i] = (byte)c;
        }
        return TryParse(buf, decimals, out result, allowNegative);
    }

    /// <summary>Parses or throws <see cref="FormatException"/>: for configuration, never the hot path.</summary>
    public static long Parse(string text, int decimals, bool allowNegative = false)
    {
        var status = TryParse(text, decimals, out long value, allowNegative);
        return status == FixedPointStatus.Ok
            ? value
            : throw new FormatException($"'{text}' is not a decimal at scale {decimals}: {status}");
    }

    /// <summary>Formats a scaled integer back to a decimal string with exactly <paramref name="decimals"/> fraction digits.</summary>
    public static string Format(long value, int decimals)
    {
        if ((uint)decimals > MaxDecimals) throw new ArgumentOutOfRangeException(nameof(decimals));
        if (decimals == 0) return value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var abs = (UInt128)(value < 0 ? (ulong)(-(value + 1)) + 1UL : (ulong)value);
        var p = (ulong)Pow10[decimals];
        var whole = abs / p;
        var frac = abs % p;
        var sign = value < 0 ? "-" : "";
        return $"{sign}{whole}.{frac.ToString().PadLeft(decimals, '0')}";
    }

    /// <summary>Converts a scaled integer to <c>double</c> (for reports and features, never for keys).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ToDouble(long value, int decimals) => value / (double)Pow10[decimals];

    private static FixedPointStatus SetZero(out long result, FixedPointStatus status)
    {
        result = 0;
        return status;
    }

    private static long[] BuildPowers()
    {
        var p = new long[MaxDecimals + 1];
        p[0] = 1;
        for (int i = 1; i < p.Length; i++) p[i] = p[i - 1] * 10;
        return p;
    }
}
