using HftScalper.Features.Schema;

namespace HftScalper.Features.Engine;

/// <summary>Column offsets of the regime block (after the technical block).</summary>
internal static class RegimeColumns
{
    public const int GarchVol = 0, GarchVolRatio = 1, ArchClustering = 2, Adx = 3, PlusDi = 4, MinusDi = 5, AdxValid = 6;
    public const int RegimeLabel = 7, ActivitySeasonal = 8, TodSin = 9, TodCos = 10, RegimeValid = 11;
    public const int Count = 12;

    public static void Describe(List<FeatureDefinition> into, string adxTimeframe)
    {
        into.Add(new("garch_vol", "bps/sqrt(s)", "GARCH(1,1) one-step volatility forecast of 1-second mid log returns (bps), online recursion"));
        into.Add(new("garch_vol_ratio", "ratio", "garch_vol / long-run GARCH volatility"));
        into.Add(new("arch_clustering", "-1..1", "decayed (300 s) lag-1 autocorrelation of squared 1-second returns: volatility clustering (0 until 30 s)"));
        into.Add(new($"adx_{adxTimeframe}", "0..100", "Wilder ADX(14) of the first timeframe's bars (0 until 27 bars)"));
        into.Add(new($"plus_di_{adxTimeframe}", "0..100", "+DI(14)"));
        into.Add(new($"minus_di_{adxTimeframe}", "0..100", "-DI(14)"));
        into.Add(new($"adx_valid_{adxTimeframe}", "flag", "ADX warm-up complete"));
        into.Add(new("regime_label", "class", "2 volatile (garch_vol_ratio > 1.5), else 1 trending (valid ADX > 25), else 0 ranging"));
        into.Add(new("activity_seasonal_log", "log", "ln(decayed (60 s) events per second / hourly baseline for this UTC hour)"));
        into.Add(new("tod_sin", "-1..1", "sin(2 pi * UTC time of day / 24 h)"));
        into.Add(new("tod_cos", "-1..1", "cos(2 pi * UTC time of day / 24 h)"));
        into.Add(new("regime_valid", "flag", "1 once 30 one-second returns have been folded into the GARCH and clustering filters"));
    }
}
