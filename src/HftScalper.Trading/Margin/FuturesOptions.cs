using HftScalper.Core.Settings;

namespace HftScalper.Trading.Margin;

/// <summary>
/// USD-M futures settings of a backtest: leverage, margin type, the maintenance-margin bracket table, the liquidation
/// distances risk enforces, and funding. They apply to symbols of a USD-M venue (<c>binance-usdm</c>) only; spot runs
/// ignore them.
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
        if (Brackets is null || Brackets.Count == 0) throw new SettingException($"{K("brackets")} must list at least one bracket");
        double previous = 0, previousRate = 0;
        for (int i = 0; i < Brackets.Count; i++)
        {
            var b = Brackets[i] ?? throw new SettingException($"{K("brackets")}[{i}] is null");
            if (!(b.NotionalCap > previous)) throw new SettingException($"{K("brackets")}[{i}].notionalCap = {SettingRange.Format(b.NotionalCap)} must be above the previous cap {SettingRange.Format(previous)}");
            SettingRange.CheckPositive($"{K("brackets")}[{i}].notionalCap", b.NotionalCap, 1e12);
            SettingRange.Check($"{K("brackets")}[{i}].maintenanceMarginRate", b.MaintenanceMarginRate, previousRate, 1);
            SettingRange.Check($"{K("brackets")}[{i}].maxLeverage", b.MaxLeverage, 1, MaxLeverageAllowed);
            previous = b.NotionalCap;
            previousRate = b.MaintenanceMarginRate;
        }
        SettingRange.Check(K("minLiquidationDistanceBps"), MinLiquidationDistanceBps, 0, 10_000);
        SettingRange.Check(K("reduceLiquidationDistanceBps"), ReduceLiquidationDistanceBps, 0, 10_000);
        SettingRange.Check(K("markPriceMaxAgeMs"), MarkPriceMaxAgeMs, 1, 86_400_000);
        Funding.Validate(K("funding."));
    }
}
