using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace HftScalper.Simulator.Wire;

/// <summary>
/// Appends the few JSON pieces Binance messages are made of straight as UTF-8 bytes (no strings, no
/// serializer): ASCII literals, integers, and fixed-point decimals printed with Binance's 8 decimals.
/// </summary>
internal static class JsonBytes
{
    private const int DecimalsOnWire = 8;

    /// <summary>Appends an ASCII literal (a u8 string).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Raw(MessageArena a, ReadOnlySpan<byte> literal)
    {
        literal.CopyTo(a.GetSpan(literal.Length));
        a.Advance(literal.Length);
    }

    /// <summary>Appends a non-negative or negative integer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Integer(MessageArena a, long value)
    {
        Utf8Formatter.TryFormat(value, a.GetSpan(20), out int n);
        a.Advance(n);
    }

    /// <summary>Appends <c>true</c> or <c>false</c>.</summary>
    public static void Bool(MessageArena a, bool value) => Raw(a, value ? "true"u8 : "false"u8);

    /// <summary>
    /// Appends <c>"value / 10^decimals"</c> as a quoted decimal with exactly 8 fraction digits, as Binance
    /// prints prices and quantities ("61837.64000000").
    /// </summary>
    public static void QuotedDecimal(MessageArena a, long value, int decimals, long pow10)
    {
        var span = a.GetSpan(32);
        span[0] = (byte)'"';
        long whole = value / pow10, frac = value - whole * pow10;
        Utf8Formatter.TryFormat(whole, span[1..], out int n);
        int pos = 1 + n;
        span[pos++] = (byte)'.';
        if (decimals > 0)
        {
            Utf8Formatter.TryFormat(frac, span[pos..], out n, new StandardFormat('D', (byte)decimals));
            pos += n;
        }
        for (int i = decimals; i < DecimalsOnWire; i++) span[pos++] = (byte)'0';
        span[pos++] = (byte)'"';
        a.Advance(pos);
    }
}
