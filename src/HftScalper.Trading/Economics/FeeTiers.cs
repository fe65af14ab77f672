using HftScalper.Core.Settings;
using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Economics;

/// <summary>
/// Binance's published fee rates per market and tier, in one place (risk's cost model, the paper venue and any
/// futures backtest read them from here). Names are <c>MARKET-TIER</c>: <c>spot-vip0</c> (0.1 % maker and taker),
/// <c>spot-vip0-bnb</c> (0.075 %, fees paid in BNB), <c>usdm-vip0</c> (0.02 % maker, 0.05 % taker),
/// <c>usdm-vip0-bnb</c> (10 % off: 0.018 % / 0.045 %), <c>coinm-vip0</c> (0.02 % / 0.05 %). Higher tiers and maker
/// rebates (negative maker fees) are configured as explicit rates (<c>makerFeePpm</c>, <c>takerFeePpm</c>), which
/// override the tier's.
/// </summary>
public static class FeeTiers
{
    private static readonly (string Name, FeeSchedule Fees)[] Known =
    [
        ("spot-vip0", new FeeSchedule(1000, 1000)),
        ("spot-vip0-bnb", new FeeSchedule(750, 750)),
        ("usdm-vip0", new FeeSchedule(200, 500)),
        ("usdm-vip0-bnb", new FeeSchedule(180, 450)),
        ("coinm-vip0", new FeeSchedule(200, 500)),
    ];

    /// <summary>The tier names known, in table order.</summary>
    public static IReadOnlyList<string> Names => [.. Known.Select(k => k.Name)];

    /// <summary>The default tier of a market (<c>spot</c>, <c>usdm</c>, <c>coinm</c>): VIP 0 without the BNB discount.</summary>
    public static FeeSchedule DefaultFor(string market) => Get(market.Trim().ToLowerInvariant() + "-vip0", "market");

    /// <summary>The default tier of <paramref name="market"/> as <see cref="DefaultFor"/> gives it; false for a market with
    /// no published tier here (Binance.US, <c>us</c>: its schedule is stated in the config or unknown).</summary>
    public static bool TryDefaultFor(string market, out FeeSchedule fees)
    {
        ArgumentNullException.ThrowIfNull(market);
        string name = market.Trim().ToLowerInvariant() + "-vip0";
        foreach (var (n, f) in Known)
            if (n == name)
            {
                fees = f;
                return true;
            }
        fees = default;
        return false;
    }

    /// <summary>The rates of tier <paramref name="name"/> (case-insensitive). Unknown names throw a
    /// <see cref="SettingException"/> naming <paramref name="key"/> and the known tiers.</summary>
    public static FeeSchedule Get(string name, string key = "feeTier")
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var (n, fees) in Known)
            if (string.Equals(n, name.Trim(), StringComparison.OrdinalIgnoreCase)) return fees;
        throw new SettingException($"{key} = '{name}' is not a known fee tier ({string.Join(", ", Known.Select(k => k.Name))})");
    }
}
