namespace HftScalper.Recording.Sources.Text;

/// <summary>Parses <c>1633998512.0633569</c> (Unix seconds with a fraction) into integer nanoseconds, exactly.</summary>
internal static class UnixSeconds
{
    public static bool TryParseToNs(ReadOnlySpan<byte> text, out long ns)
    {
        ns = 0;
        long whole = 0;
        int i = 0, digits = 0;
        for (; i < text.Length && text[i] != (byte)'.'; i++)
        {
            uint d = (uint)(text[i] - '0');
            if (d > 9 || ++digits > 11) return false; // < year 5138: keeps whole * 1e9 inside a long
            whole = whole * 10 + d;
        }
        if (digits == 0) return false;
        long frac = 0;
        int fracDigits = 0;
        if (i < text.Length)
        {
            for (i++; i < text.Length; i++)
            {
                uint d = (uint)(text[i] - '0');
                if (d > 9) return false;
                if (fracDigits < 9) { frac = frac * 10 + d; fracDigits++; } // finer than 1 ns: truncated
            }
        }
        for (; fracDigits < 9; fracDigits++) frac *= 10;
        ns = whole * 1_000_000_000 + frac;
        return true;
    }
}
