using System.Runtime.CompilerServices;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Binance's decimal strings ("61837.64000000") to scaled integers, exactly like <see cref="FixedPoint.TryParse(ReadOnlySpan{byte}, int, out long, bool)"/>
/// but without its per-digit overflow division: when the integer digits plus the scale fit in 18 digits no
/// overflow is possible, so the fast path only accumulates. Anything else (long, negative, odd) takes
/// <see cref="FixedPoint"/>'s exact path, so results and statuses are identical.
/// </summary>
internal static class FastDecimal
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static FixedPointStatus TryParse(ReadOnlySpan<byte> text, int decimals, out long result)
    {
        if (text.Length is 0 or > 24 || (uint)decimals > 18) return Slow(text, decimals, out result);
        long acc = 0;
        int i = 0, intDigits = 0;
        for (; i < text.Length; i++)
        {
            uint d = (uint)(text[i] - (byte)'0');
            if (d > 9) break;
            acc = acc * 10 + d;
            intDigits++;
        }
        // Up to 18 significant digits cannot overflow a long: check before trusting acc.
        if (intDigits == 0 || intDigits + decimals > 18) return Slow(text, decimals, out result);
        int frac = 0;
        if (i < text.Length)
        {
            if (text[i] != (byte)'.' || i + 1 == text.Length) return Slow(text, decimals, out result);
            for (i++; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - (byte)'0');
                if (d > 9) return Slow(text, decimals, out result);
                if (frac == decimals)
                {
                    if (d != 0) return Slow(text, decimals, out result); // off grid: let FixedPoint say so
                    continue;
                }
                acc = acc * 10 + d;
                frac++;
            }
        }
        if (frac < decimals) acc *= FixedPoint.PowerOfTen(decimals - frac);
        result = acc;
        return FixedPointStatus.Ok;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static FixedPointStatus Slow(ReadOnlySpan<byte> text, int decimals, out long result) =>
        FixedPoint.TryParse(text, decimals, out result);
}
