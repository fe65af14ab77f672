using HftScalper.Core.Settings;

namespace HftScalper.Trading.Execution;

/// <summary>
/// Maker and taker fee rates in parts per million of notional (1000 ppm = 0.1 %). Binance spot's default
/// (VIP 0, no BNB discount) is 0.1 % maker and 0.1 % taker: <see cref="BinanceSpotDefault"/>. A negative maker rate is
/// a rebate; a taker always pays (no Binance market or tier pays takers), so a negative taker rate is refused.
/// </summary>
/// <remarks>
/// Fee units: the symbol's quote units, i.e. price ticks x quantity lots = 10^-(PriceDecimals+QuantityDecimals) of
/// the quote asset (BTCUSDT spot, 2 and 5 decimals: 1e-7 USDT). A fee is rounded up (against us); a rebate is
/// rounded toward zero (also against us). Integer arithmetic in 128 bits, so no notional overflows.
/// </remarks>
public readonly record struct FeeSchedule(int MakerPpm, int TakerPpm)
{
    /// <summary>Binance spot default tier: 0.1 % maker, 0.1 % taker.</summary>
    public static FeeSchedule BinanceSpotDefault => new(1000, 1000);

    /// <summary>Binance USD-M futures default tier (VIP 0): 0.02 % maker, 0.05 % taker.</summary>
    public static FeeSchedule BinanceUsdMDefault => new(200, 500);

    /// <summary>Lowest fee accepted: a rebate of 0.1 % of notional (Binance's largest maker rebates are a fraction of that).</summary>
    public const int MinPpm = -1_000;

    /// <summary>Highest fee accepted: 1 % of notional (ten times Binance's default tier).</summary>
    public const int MaxPpm = 10_000;

    /// <summary>Throws a <see cref="SettingException"/> naming the key when the maker rate is outside
    /// [<see cref="MinPpm"/>, <see cref="MaxPpm"/>] or the taker rate outside [0, <see cref="MaxPpm"/>].</summary>
    /// <remarks>A taker rebate would pay for crossing the spread: every taker round trip whose spread is below twice the
    /// rebate makes money by itself, and a backtest at such a rate reports profit from fees alone (at -0.1 % on both sides
    /// the simulator's fallback made +95 USDT net on 94 orders).</remarks>
    public void Validate(string makerKey = "makerPpm", string takerKey = "takerPpm")
    {
        SettingRange.Check(makerKey, MakerPpm, MinPpm, MaxPpm);
        SettingRange.Check(takerKey, TakerPpm, 0, MaxPpm);
    }

    /// <summary>Fee of a fill in quote units (ticks x lots).</summary>
    public long Compute(long priceTicks, long quantityLots, Liquidity liquidity)
    {
        int ppm = liquidity == Liquidity.Maker ? MakerPpm : TakerPpm;
        Int128 scaled = (Int128)priceTicks * quantityLots * ppm;
        if (ppm >= 0) return (long)((scaled + 999_999) / 1_000_000);
        return (long)(scaled / 1_000_000); // truncates toward zero: the smaller rebate
    }
}
