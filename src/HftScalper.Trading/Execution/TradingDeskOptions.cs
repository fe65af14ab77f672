using HftScalper.Trading.Quoting;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Execution;

/// <summary>Settings of a <see cref="TradingDesk"/> (init-only); the venue's own settings go to its
/// <see cref="IExecutionGatewayFactory"/>.</summary>
public sealed record TradingDeskOptions
{
    /// <summary>Starting equity in the account asset (e.g. 10000 USDT, or 1 BTC for COIN-M BTC contracts). Default 10000.</summary>
    public double InitialEquity { get; init; } = 10_000;

    /// <summary>Risk limits and sizing.</summary>
    public RiskOptions Risk { get; init; } = new();

    /// <summary>What happens to resting post-only orders and open positions (reprice, cancel, take-profit, stops).</summary>
    public QuoteOptions Quotes { get; init; } = new();
    /// <summary>Futures margin, liquidation and funding settings, and inverse contract sizes (used only when a symbol is on a
    /// USD-M or COIN-M venue).</summary>
    public FuturesOptions Futures { get; init; } = new();
    /// <summary>The account's fee rates, charged by risk's expected-value gate (the venue charges its own). Default
    /// Binance spot VIP 0.</summary>
    public FeeSchedule Fees { get; init; } = FeeSchedule.BinanceSpotDefault;

    /// <summary>Which registered symbols the desk trades, by id (null: all). The others are neither valued nor scaled
    /// into the account (their fills are refused), so their scales or settlement asset cannot disable the run.</summary>
    public IReadOnlyList<bool>? Traded { get; init; }

    /// <summary>Client-side order pool size.</summary>
    public int OrderCapacity { get; init; } = 1024;

    /// <summary>Session prefix of the client order ids: <see cref="ClientOrderIdSession.Replay"/> (deterministic) by
    /// default; a live run passes <see cref="ClientOrderIdSession.NewLive"/> so ids stay unique across restarts.</summary>
    public ClientOrderIdSession OrderIds { get; init; } = ClientOrderIdSession.Replay;
}
