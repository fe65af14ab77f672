using HftScalper.Features.Schema;

namespace HftScalper.Features.Engine;

/// <summary>Column offsets of the technical block: <see cref="PerTimeframe"/> columns per timeframe, then the alignment score.</summary>
internal static class TechColumns
{
    public const int Rsi = 0, RsiValid = 1, Macd = 2, MacdSignal = 3, MacdHist = 4, MacdValid = 5;
    public const int EmaDev = 6, VwapDev = 7, PocDist = 8, Momentum = 9, MomentumValid = 10;
    public const int PerTimeframe = 11;
    public const int Alignment = 3 * PerTimeframe;
    public const int Count = Alignment + 1;

    /// <summary>A timeframe's label in column names: 1m, 5m, 15m, 1h, 30s.</summary>
    public static string Label(TimeSpan tf) =>
        tf.TotalHours >= 1 && tf.TotalHours % 1 == 0 ? $"{tf.TotalHours}h"
        : tf.TotalMinutes >= 1 && tf.TotalMinutes % 1 == 0 ? $"{tf.TotalMinutes}m"
        : $"{tf.TotalSeconds}s";

    public static void Describe(List<FeatureDefinition> into, IReadOnlyList<TimeSpan> timeframes)
    {
        foreach (var tf in timeframes)
        {
            string l = Label(tf);
            into.Add(new($"rsi_{l}", "0..100", $"Wilder RSI(14) of {l} mid bars (50 until 14 changes)"));
            into.Add(new($"rsi_valid_{l}", "flag", "RSI warm-up complete"));
            into.Add(new($"macd_{l}_bps", "bps", $"MACD line EMA12 - EMA26 of {l} closes, / mid * 1e4 (0 until 34 bars)"));
            into.Add(new($"macd_signal_{l}_bps", "bps", "EMA9 of the MACD line, bps of mid"));
            into.Add(new($"macd_hist_{l}_bps", "bps", "MACD line - signal, bps of mid"));
            into.Add(new($"macd_valid_{l}", "flag", "MACD warm-up complete"));
            into.Add(new($"ema_dev_{l}_bps", "bps", $"mid / EMA(mid, tau {l} of exchange time, per quote update) - 1, in bps"));
            into.Add(new($"vwap_dev_{l}_bps", "bps", $"mid / VWAP(trades, decayed tau {l}) - 1, in bps (0 before a trade)"));
            into.Add(new($"poc_dist_{l}_bps", "bps", $"(mid - point of control of the {l}-decayed volume profile) / mid * 1e4 (0 without volume)"));
            into.Add(new($"momentum_{l}", "bps", $"close / close 10 {l} bars ago - 1, in bps (0 until 10 bars)"));
            into.Add(new($"momentum_valid_{l}", "flag", "bar momentum lookback filled"));
        }
        into.Add(new("alignment_score", "-1..1", "mean over timeframes of sign(ema_dev): +1 all rising, -1 all falling (momentum cascade)"));
    }
}
