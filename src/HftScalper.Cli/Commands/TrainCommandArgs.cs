using System.Globalization;

namespace HftScalper.Cli.Commands;

/// <summary>Argument parsing shared by <c>hft train</c> and <c>hft evaluate</c>: durations such as <c>10s</c>, <c>250ms</c>, <c>5m</c>
/// into nanoseconds, and exchange times (<c>--from</c>, <c>--until</c>).</summary>
internal static class TrainCommandArgs
{
    /// <summary>
    /// An exchange time given as ISO 8601 (<c>2024-08-08T23:57:08.24Z</c>, UTC unless it says otherwise) or as an integer
    /// of ns since the Unix epoch (the form of <c>risk.entriesFromNs</c>, so a span is named the same in a config and on
    /// the command line), in ns since the epoch.
    /// </summary>
    /// <exception cref="ArgumentException">Neither form, or before the epoch.</exception>
    public static long ParseTimeNs(string option, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var s = text.Trim();
        if (s.Length > 0 && s.All(char.IsAsciiDigit))
            return long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var ns) && ns > 0 ? ns
                : throw new ArgumentException($"{option} '{text}' is not a time (ns since the epoch must be in (0, {long.MaxValue}])");
        if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) && t > DateTimeOffset.UnixEpoch)
            return (t - DateTimeOffset.UnixEpoch).Ticks * 100;
        throw new ArgumentException($"{option} '{text}' is not a time (ISO 8601, e.g. 2024-08-09T00:00:00Z, or ns since the epoch)");
    }

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
