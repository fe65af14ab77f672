using System.Globalization;

namespace HftScalper.Cli.Commands;

/// <summary>Argument parsing shared by <c>hft train</c> and <c>hft evaluate</c>: durations such as <c>10s</c>, <c>250ms</c>, <c>5m</c> into nanoseconds.</summary>
internal static class TrainCommandArgs
{
    /// <summary>Nanoseconds in <paramref name="text"/>; <c>0</c> alone is accepted when <paramref name="allowZero"/>.</summary>
    /// <exception cref="FormatException">Not a positive number with a unit (ns, us, ms, s, m, h).</exception>
    public static long ParseNs(string text, bool allowZero = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim().ToLowerInvariant();
        if (allowZero && s == "0") return 0;
        (string unit, double scale)[] units = [("ns", 1), ("us", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)];
        foreach (var (unit, scale) in units)
        {
            if (!s.EndsWith(unit, StringComparison.Ordinal)) continue;
            var num = s[..^unit.Length];
            if (num.Length > 0 && char.IsLetter(num[^1])) continue;
            if (double.TryParse(num, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && (v > 0 || (allowZero && v == 0)) && v * scale < long.MaxValue)
                return (long)Math.Round(v * scale);
        }
        throw new FormatException($"'{text}' is not a duration (e.g. 10s, 250ms, 5m{(allowZero ? ", or 0" : "")})");
    }
}
