namespace HftScalper.Features.Engine;

/// <summary>Column offsets of the microstructure block (the first block of every row).</summary>
internal static class MicroColumns
{
    public const int BookValid = 0, SpreadTicks = 1, SpreadBps = 2, SpreadVolTicks = 3, MicropriceMinusMid = 4;
    public const int Imbalance1 = 5, Imbalance5 = 6, Imbalance10 = 7, Imbalance20 = 8;
    public const int OfiFast = 9, OfiMid = 10, OfiSlow = 11, OfiNormFast = 12;
    public const int ImpactBuySmall = 13, ImpactSellSmall = 14, ImpactBuyLarge = 15, ImpactSellLarge = 16, ImpactPartial = 17;
    public const int SlopeLogRatio = 18, TickDirection = 19, TickRun = 20, TradeSignRun = 21;
    public const int TradeImbalanceFast = 22, TradeImbalanceSlow = 23, TradeRateFast = 24, TradeValid = 25;
    public const int TimeSinceTrade = 26, TimeSinceBookUpdate = 27;
    public const int RealizedVolFast = 28, RealizedVolMid = 29, RealizedVolSlow = 30;
    public const int Count = 31;

    /// <summary>Definitions in column order (index = constant above).</summary>
    public static void Describe(List<Schema.FeatureDefinition> into)
    {
        void Add(int index, string name, string unit, string description)
        {
            if (into.Count != index) throw new InvalidOperationException($"microstructure column {name} out of order");
            into.Add(new Schema.FeatureDefinition(name, unit, description));
        }
        Add(BookValid, "book_valid", "flag", "1 when the symbol's book is synced and its figures are current, else 0 (book columns then hold their neutral 0)");
        Add(SpreadTicks, "spread_ticks", "ticks", "best ask - best bid (L1 from the top-of-book stream when the symbol has one, else from depth messages)");
        Add(SpreadBps, "spread_bps", "bps", "spread / mid * 1e4");
        Add(SpreadVolTicks, "spread_vol_ticks", "ticks", "exponentially weighted standard deviation of the spread (SpreadSeconds window)");
        Add(MicropriceMinusMid, "microprice_minus_mid_ticks", "ticks", "size-weighted mid minus mid, best level");
        Add(Imbalance1, "imbalance_1", "ratio", "(qb1 - qa1) / (qb1 + qa1), latest L1");
        Add(Imbalance5, "imbalance_5", "ratio", "depth imbalance over 5 levels per side (last depth message)");
        Add(Imbalance10, "imbalance_10", "ratio", "depth imbalance over 10 levels per side");
        Add(Imbalance20, "imbalance_20", "ratio", "depth imbalance over 20 levels per side");
        Add(OfiFast, "ofi_decay_fast", "lots", "multi-level (10) order-flow imbalance, exponentially decayed in exchange time, fast window");
        Add(OfiMid, "ofi_decay_mid", "lots", "same, mid window");
        Add(OfiSlow, "ofi_decay_slow", "lots", "same, slow window");
        Add(OfiNormFast, "ofi_norm_fast", "ratio", "ofi_decay_fast / (decayed mean top-5 depth per side + 1 lot): scale-free");
        Add(ImpactBuySmall, "impact_buy_small_ticks", "ticks", "VWAP of buying ImpactNotionalSmall minus best ask");
        Add(ImpactSellSmall, "impact_sell_small_ticks", "ticks", "best bid minus VWAP of selling ImpactNotionalSmall");
        Add(ImpactBuyLarge, "impact_buy_large_ticks", "ticks", "same for ImpactNotionalLarge");
        Add(ImpactSellLarge, "impact_sell_large_ticks", "ticks", "same for ImpactNotionalLarge");
        Add(ImpactPartial, "impact_partial", "flag", "1 when the walked levels held less than the large notional on a side");
        Add(SlopeLogRatio, "book_slope_log_ratio", "log", "ln(bid slope / ask slope), slopes in lots per tick over SlopeLevels");
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
