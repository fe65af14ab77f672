using HftScalper.Core.Settings;

namespace HftScalper.Trading.Margin;

/// <summary>
/// Futures settings of a backtest: leverage, margin type, the maintenance-margin bracket tables, the liquidation
/// distances risk enforces, funding, and inverse contract sizes. They apply to symbols of a USD-M venue
/// (<c>binance-usdm</c>) and to COIN-M inverse contracts (<c>binance-coinm</c>); spot runs ignore them.
/// </summary>
public sealed record FuturesOptions
{
    /// <summary>Binance's highest leverage.</summary>
    public const int MaxLeverageAllowed = 125;

    /// <summary>Leverage of every USD-M symbol not in <see cref="SymbolLeverage"/>. Default 20 (Binance's default
    /// initial leverage). Capped per position by its bracket's <see cref="MarginBracket.MaxLeverage"/>.</summary>
    public int Leverage { get; init; } = 20;

    /// <summary>Leverage per symbol name (e.g. <c>{"BTCUSDT": 50}</c>), overriding <see cref="Leverage"/>.</summary>
    public IReadOnlyDictionary<string, int> SymbolLeverage { get; init; } = new Dictionary<string, int>();

    /// <summary>Cross (default) or isolated margin.</summary>
    public MarginMode MarginMode { get; init; } = MarginMode.Cross;

    /// <summary>Maintenance-margin brackets in ascending <see cref="MarginBracket.NotionalCap"/>, one table for every
    /// USD-M symbol. Default: Binance's BTCUSDT table (<see cref="BinanceBtcUsdtBrackets"/>).</summary>
    public IReadOnlyList<MarginBracket> Brackets { get; init; } = BinanceBtcUsdtBrackets;

    /// <summary>Maintenance-margin brackets of COIN-M inverse contracts, caps in the coin (the account's asset then).
    /// Default: Binance's BTCUSD table (<see cref="BinanceBtcUsdBrackets"/>).</summary>
    public IReadOnlyList<MarginBracket> CoinBrackets { get; init; } = BinanceBtcUsdBrackets;

    /// <summary>Contract size in USD of COIN-M symbols by name (e.g. <c>{"BTCUSD_PERP": 100}</c>, exchangeInfo's
    /// <c>contractSize</c>), overriding Binance's 100 USD for BTCUSD and 10 USD for the other pairs
    /// (<see cref="Execution.InverseContracts"/>).</summary>
    public IReadOnlyDictionary<string, long> ContractSizes { get; init; } = new Dictionary<string, long>();

    /// <summary>Risk refuses an entry whose resulting liquidation price is closer than this to the mark, basis points
    /// of the mark (<c>LiquidationTooClose</c>). Default 100 (1 %).</summary>
    public double MinLiquidationDistanceBps { get; init; } = 100;

    /// <summary>An open position whose liquidation price comes closer than this to the mark is closed (reduce-only
    /// market order) at the next decision on its symbol. Default 50 bps.</summary>
    public double ReduceLiquidationDistanceBps { get; init; } = 50;

    /// <summary>An exchange mark price (the recorded or live <c>markPrice</c> stream, 1 a second) older than this, ms of the
    /// run's clock, no longer marks: the mid does until the next one. Default 5000 (five missed updates).</summary>
    public long MarkPriceMaxAgeMs { get; init; } = 5_000;

    /// <summary>The funding schedule (symbols whose mark-price stream names their funding time and rate use those).</summary>
    public FundingOptions Funding { get; init; } = new();

    /// <summary>Binance's BTCUSDT USD-M brackets (notional cap USDT, maintenance rate, max leverage), the first ten as
    /// published by <c>/fapi/v1/leverageBracket</c>: 50k 0.4 % 125x, 250k 0.5 % 100x, 1M 1 % 50x, 10M 2.5 % 20x,
    /// 20M 5 % 10x, 50M 10 % 5x, 100M 12.5 % 4x, 200M 15 % 3x, 300M 25 % 2x, 500M 50 % 1x.</summary>
    public static IReadOnlyList<MarginBracket> BinanceBtcUsdtBrackets { get; } =
    [
        new() { NotionalCap = 50_000, MaintenanceMarginRate = 0.004, MaxLeverage = 125 },
        new() { NotionalCap = 250_000, MaintenanceMarginRate = 0.005, MaxLeverage = 100 },
        new() { NotionalCap = 1_000_000, MaintenanceMarginRate = 0.01, MaxLeverage = 50 },
        new() { NotionalCap = 10_000_000, MaintenanceMarginRate = 0.025, MaxLeverage = 20 },
        new() { NotionalCap = 20_000_000, MaintenanceMarginRate = 0.05, MaxLeverage = 10 },
        new() { NotionalCap = 50_000_000, MaintenanceMarginRate = 0.10, MaxLeverage = 5 },
        new() { NotionalCap = 100_000_000, MaintenanceMarginRate = 0.125, MaxLeverage = 4 },
        new() { NotionalCap = 200_000_000, MaintenanceMarginRate = 0.15, MaxLeverage = 3 },
        new() { NotionalCap = 300_000_000, MaintenanceMarginRate = 0.25, MaxLeverage = 2 },
        new() { NotionalCap = 500_000_000, MaintenanceMarginRate = 0.50, MaxLeverage = 1 },
    ];

    /// <summary>Binance's BTCUSD COIN-M brackets (notional cap BTC, maintenance rate, max leverage) as its "Leverage and
    /// Margin in Coin-Margined Futures Contracts" page lists the caps and leverages (5 BTC 125x, 10 100x, 20 50x, 50 20x,
    /// 100 10x, 200 5x, 400 4x, 1,000 3x, above 2x), with maintenance rates at half the initial rate, as Binance's
    /// published USD-M tables have them (0.4 % at 125x ... 25 % at 2x): a default to configure from
    /// <c>/dapi/v1/leverageBracket</c> when it matters.</summary>
    public static IReadOnlyList<MarginBracket> BinanceBtcUsdBrackets { get; } =
    [
        new() { NotionalCap = 5, MaintenanceMarginRate = 0.004, MaxLeverage = 125 },
        new() { NotionalCap = 10, MaintenanceMarginRate = 0.005, MaxLeverage = 100 },
        new() { NotionalCap = 20, MaintenanceMarginRate = 0.01, MaxLeverage = 50 },
        new() { NotionalCap = 50, MaintenanceMarginRate = 0.025, MaxLeverage = 20 },
        new() { NotionalCap = 100, MaintenanceMarginRate = 0.05, MaxLeverage = 10 },
        new() { NotionalCap = 200, MaintenanceMarginRate = 0.10, MaxLeverage = 5 },
        new() { NotionalCap = 400, MaintenanceMarginRate = 0.125, MaxLeverage = 4 },
        new() { NotionalCap = 1_000, MaintenanceMarginRate = 0.15, MaxLeverage = 3 },
        new() { NotionalCap = 1_000_000, MaintenanceMarginRate = 0.25, MaxLeverage = 2 },
    ];

    /// <summary>The leverage of <paramref name="symbol"/>.</summary>
    public int LeverageOf(string symbol) =>
        SymbolLeverage.TryGetValue(symbol, out int l) ? l
        : SymbolLeverage.FirstOrDefault(kv => string.Equals(kv.Key, symbol, StringComparison.OrdinalIgnoreCase)) is { Key: not null } kv ? kv.Value
        : Leverage;

    /// <summary>Throws a <see cref="SettingException"/> naming the key (<paramref name="keyPrefix"/> + camelCase) when out of range.</summary>
    public void Validate(string keyPrefix = "")
    {
        string K(string name) => keyPrefix + name;
        SettingRange.Check(K("leverage"), Leverage, 1, MaxLeverageAllowed);
        ArgumentNullException.ThrowIfNull(SymbolLeverage, K("symbolLeverage"));
        foreach (var (symbol, leverage) in SymbolLeverage) SettingRange.Check($"{K("symbolLeverage")}.{symbol}", leverage, 1, MaxLeverageAllowed);
        if (!Enum.IsDefined(MarginMode)) throw new SettingException($"{K("marginMode")} = {MarginMode} is not one of Cross, Isolated");
        ValidateBrackets(Brackets, K("brackets"));
        ValidateBrackets(CoinBrackets, K("coinBrackets"));
        ArgumentNullException.ThrowIfNull(ContractSizes, K("contractSizes"));
        foreach (var (symbol, size) in ContractSizes) SettingRange.Check($"{K("contractSizes")}.{symbol}", size, 1, 1_000_000);
        SettingRange.Check(K("minLiquidationDistanceBps"), MinLiquidationDistanceBps, 0, 10_000);
        SettingRange.Check(K("reduceLiquidationDistanceBps"), ReduceLiquidationDistanceBps, 0, 10_000);
        SettingRange.Check(K("markPriceMaxAgeMs"), MarkPriceMaxAgeMs, 1, 86_400_000);
        Funding.Validate(K("funding."));
    }

    private static void ValidateBrackets(IReadOnlyList<MarginBracket>? brackets, string key)
    {
        if (brackets is null || brackets.Count == 0) throw new SettingException($"{key} must list at least one bracket");
        double previous = 0, previousRate = 0;
        for (int i = 0; i < brackets.Count; i++)
        {
            var b = brackets[i] ?? throw new SettingException($"{key}[{i}] is null");
            if (!(b.NotionalCap > previous)) throw new SettingException($"{key}[{i}].notionalCap = {SettingRange.Format(b.NotionalCap)} must be above the previous cap {SettingRange.Format(previous)}");
            SettingRange.CheckPositive($"{key}[{i}].notionalCap", b.NotionalCap, 1e12);
            SettingRange.Check($"{key}[{i}].maintenanceMarginRate", b.MaintenanceMarginRate, previousRate, 1);
            SettingRange.Check($"{key}[{i}].maxLeverage", b.MaxLeverage, 1, MaxLeverageAllowed);
            previous = b.NotionalCap;
            previousRate = b.MaintenanceMarginRate;
        }
    }
}
