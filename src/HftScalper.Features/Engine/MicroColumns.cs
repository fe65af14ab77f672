namespace HftScalper.Features.Engine;

/// <summary>Column offsets of the microstructure block (the first block of every row).</summary>
internal static class MicroColumns
{
    public const int BookValid = 0, SpreadBps = 1, SpreadRelative = 2, SpreadVariation = 3, MicropriceMinusMid = 4;
    public const int Imbalance1 = 5, Imbalance5 = 6, Imbalance10 = 7, Imbalance20 = 8;
    public const int OfiFast = 9, OfiMid = 10, OfiSlow = 11;
    public const int ImpactBuySmall = 12, ImpactSellSmall = 13, ImpactBuyLarge = 14, ImpactSellLarge = 15, ImpactPartial = 16;
    public const int SlopeLogRatio = 17, TickDirection = 18, TickRun = 19, TradeSignRun = 20;
    public const int TradeImbalanceFast = 21, TradeImbalanceSlow = 22, TradeRateFast = 23, TradeValid = 24;
    public const int TimeSinceTrade = 25, TimeSinceBookUpdate = 26;
    public const int RealizedVolFast = 27, RealizedVolMid = 28, RealizedVolSlow = 29;
    public const int Count = 30;

    /// <summary>Definitions in column order (index = constant above).</summary>
    public static void Describe(List<Schema.FeatureDefinition> into)
    {
        void Add(int index, string name, string unit, string description)
        {
            if (into.Count != index) throw new InvalidOperationException($"microstructure column {name} out of order");
            into.Add(new Schema.FeatureDefinition(name, unit, description));
        }
        Add(BookValid, "book_valid", "flag", "1 when the symbol's book is synced and its figures are current, else 0 (book columns then hold their neutral 0)");
        Add(SpreadBps, "spread_bps", "bps", "best ask - best bid, / mid * 1e4 (L1 from the top-of-book stream when the symbol has one, else from depth messages)");
        Add(SpreadRelative, "spread_rel", "ratio", "spread / its exponentially weighted mean (SpreadSeconds window): 1 = the usual spread, 2 = twice as wide");
        Add(SpreadVariation, "spread_cv", "ratio", "exponentially weighted standard deviation of the spread / its mean (SpreadSeconds window)");
        Add(MicropriceMinusMid, "microprice_minus_mid_bps", "bps", "size-weighted mid minus mid, best level, / mid * 1e4");
        Add(Imbalance1, "imbalance_1", "ratio", "(qb1 - qa1) / (qb1 + qa1), latest L1");
        Add(Imbalance5, "imbalance_5", "ratio", "depth imbalance over 5 levels per side (last depth message)");
        Add(Imbalance10, "imbalance_10", "ratio", "depth imbalance over 10 levels per side");
        Add(Imbalance20, "imbalance_20", "ratio", "depth imbalance over 20 levels per side");
        Add(OfiFast, "ofi_norm_fast", "depth", "multi-level (10) order-flow imbalance, exponentially decayed in exchange time (fast window), / decayed mean top-5 depth per side (OfiMidSeconds window)");
        Add(OfiMid, "ofi_norm_mid", "depth", "same, mid window");
        Add(OfiSlow, "ofi_norm_slow", "depth", "same, slow window");
        Add(ImpactBuySmall, "impact_buy_small_bps", "bps", "VWAP of buying ImpactDepthSmall x the decayed mean top-5 depth per side, minus best ask, / mid * 1e4");
        Add(ImpactSellSmall, "impact_sell_small_bps", "bps", "best bid minus VWAP of selling the same quantity, / mid * 1e4");
        Add(ImpactBuyLarge, "impact_buy_large_bps", "bps", "same for ImpactDepthLarge x the mean depth");
        Add(ImpactSellLarge, "impact_sell_large_bps", "bps", "same for ImpactDepthLarge x the mean depth");
        Add(ImpactPartial, "impact_partial", "flag", "1 when the walked levels (ImpactMaxLevels) held less than the large quantity on a side");
        Add(SlopeLogRatio, "book_slope_log_ratio", "log", "ln(bid slope / ask slope), a slope = depth of the first SlopeLevels levels / distance of the last from the mid");
        Add(TickDirection, "tick_direction", "sign", "sign of the last mid change (-1, 0, 1)");
        Add(TickRun, "tick_run", "count", "signed length of the current run of same-direction mid changes");
        Add(TradeSignRun, "trade_sign_run", "count", "signed length of the current run of same-aggressor trades (+ buys)");
        Add(TradeImbalanceFast, "trade_imbalance_fast", "ratio", "(buy - sell) / (buy + sell) aggressor volume, decayed, fast window (0 with no volume)");
        Add(TradeImbalanceSlow, "trade_imbalance_slow", "ratio", "same, slow window");
        Add(TradeRateFast, "trade_rate_fast", "1/s", "decayed trade count per second, fast window");
        Add(TradeValid, "trade_valid", "flag", "1 once a trade of the symbol was seen");
        Add(TimeSinceTrade, "time_since_trade_s", "s", "exchange time since the last trade (capped at 3600; 3600 before any)");
        Add(TimeSinceBookUpdate, "time_since_book_update_s", "s", "exchange time since the last L1 or depth update (capped at 3600)");
        Add(RealizedVolFast, "realized_vol_fast", "bps/sqrt(s)", "sqrt(decayed sum of squared mid log returns in bps / window), fast window");
        Add(RealizedVolMid, "realized_vol_mid", "bps/sqrt(s)", "same, mid window");
        Add(RealizedVolSlow, "realized_vol_slow", "bps/sqrt(s)", "same, slow window");
    }
}
