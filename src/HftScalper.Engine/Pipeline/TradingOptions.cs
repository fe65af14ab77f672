using HftScalper.Core.Settings;
using HftScalper.Trading.Economics;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Engine.Pipeline;

/// <summary>Strategy-side settings of a run: signals, risk, the paper exchange and the starting equity.</summary>
public sealed record TradingOptions
{
    /// <summary>Model signal thresholds and class order (<c>down,flat,up</c> by default).</summary>
    public SignalGeneratorOptions Signals { get; init; } = new();

    /// <summary>The rule-based fallback signal.</summary>
    public FallbackSignalOptions Fallback { get; init; } = new();

    /// <summary>Minimum exchange time between two direction changes of one symbol (signal cool-down).</summary>
    public long SignalCooldownNs { get; init; } = 2_000_000_000;

    /// <summary>Risk limits and sizing.</summary>
    public RiskOptions Risk { get; init; } = new();

    /// <summary>Quote management and exits: reprice/cancel of resting post-only orders, take-profit, stops.</summary>
    public QuoteOptions Quotes { get; init; } = new();

    /// <summary>The paper exchange: latency, fees, queue model.</summary>
    public PaperExchangeOptions Exchange { get; init; } = new();

    /// <summary>USD-M futures: leverage, margin type, brackets, liquidation distances, funding (USD-M symbols only).</summary>
    public FuturesOptions Futures { get; init; } = new();

    /// <summary>Starting equity in the account asset (<see cref="AccountAsset"/>: e.g. 100000 USDT; for a COIN-M BTC account
    /// configure a coin amount, e.g. 1).</summary>
    public double InitialEquity { get; init; } = 100_000;

    /// <summary>The asset the paper account holds (equity, fees, PnL, limits; <see cref="InitialEquity"/> is an amount of
    /// it): only symbols quoted (linear) or margined (COIN-M) in it are traded (<see cref="TradingEligibility"/>). Null
    /// (default): <see cref="DefaultAccountAsset"/> (spot USDT pairs, USD-M's USDT margin), or the margin coin of the first
    /// symbol when every symbol is a COIN-M inverse contract (BTC for BTCUSD_PERP).</summary>
    public string? AccountAsset { get; init; }

    /// <summary>The account asset when none is configured and the run is not COIN-M only: USDT.</summary>
    public const string DefaultAccountAsset = "USDT";

    /// <summary>Quote assets declared pegged 1:1 to <see cref="AccountAsset"/> (e.g. FDUSD, USDC): symbols quoted in them
    /// are traded with their amounts taken as account amounts unchanged. Empty by default: a peg is the user's claim.</summary>
    public IReadOnlyList<string> PeggedQuotes { get; init; } = [];

    /// <summary>Why the command refuses to trade this run (null = it does not), e.g. a venue whose fee schedule is not
    /// known and was not configured: the run still scores its decisions, and says why in <c>tradingDisabled</c>.</summary>
    public string? Refused { get; init; }

    /// <summary>Symbols the command refuses to trade (upper-case name -> why), the others still traded: e.g. a live run's
    /// symbol whose exchange filters could not be read (never traded on guessed scales). Their decisions are scored, and
    /// the reason is in <c>untradedReasons</c>; their scales take no part in the account's.</summary>
    public IReadOnlyDictionary<string, string> RefusedSymbols { get; init; } = new Dictionary<string, string>();

    /// <summary>Orders the tracker can hold at once.</summary>
    public int OrderCapacity { get; init; } = 1024;

    /// <summary>Session prefix of the client order ids (<see cref="TradingDeskOptions.OrderIds"/>): deterministic in
    /// replay; a live run sets <see cref="ClientOrderIdSession.NewLive"/>.</summary>
    public ClientOrderIdSession OrderIds { get; init; } = ClientOrderIdSession.Replay;

    /// <summary>Feature used for the risk's volatility scaling (empty = none).</summary>
    public string VolatilityFeature { get; init; } = "realized_vol_fast";

    /// <summary>
    /// Mean forward move in bps of the mid given the true class (down, flat, up), from the direction model's metadata
    /// (<c>hft.class_mean_move_bps</c>): the expected move is <c>sum_k P(k) x mean_k</c> when no bps return regressor
    /// serves. Null = unknown (then, without a regressor, entries are not EV-gated).
    /// </summary>
    public IReadOnlyList<double>? ClassMeanMoveBps { get; init; }

    /// <summary>Online per-symbol calibration of the expected move the EV gate uses (<see cref="MoveCalibrator"/>): the
    /// chosen model score is mapped to the move this symbol's mid realised after such scores. Null (default) = off: the
    /// gate uses the model's raw expected move.</summary>
    public MoveCalibrationOptions? ExpectedMove { get; init; }

    /// <summary>Who picks the direction while a model serves: the model (default) or the rule-based fallback, the
    /// model's expected move then only gating the fallback's entries (<see cref="Trading.Signals.DirectionSource"/>).</summary>
    public DirectionSource DirectionSource { get; init; } = DirectionSource.Model;

    /// <summary>The model's horizon, ns: the window a maker entry has to fill in the EV gate. Default 2 s.</summary>
    public long HorizonNs { get; init; } = 2_000_000_000;

    /// <summary>Time constant of the recent traded volume at the touch (the maker fill estimate), ns. Default 10 s.</summary>
    public long TouchFlowTimeConstantNs { get; init; } = 10_000_000_000;

    /// <summary>Largest starting equity accepted (10^15 quote units).</summary>
    public const double MaxInitialEquity = 1e15;

    /// <summary>Longest signal cool-down accepted: one hour of exchange time.</summary>
    public const long MaxSignalCooldownNs = 3_600_000_000_000;

    /// <summary>Throws a <see cref="SettingException"/> naming the key (<paramref name="keyPrefix"/> + camelCase path) when a setting is out of range.</summary>
    public void Validate(string keyPrefix = "")
    {
        SettingRange.CheckPositive(keyPrefix + "initialEquity", InitialEquity, MaxInitialEquity);
        SettingRange.Check(keyPrefix + "signalCooldownNs", SignalCooldownNs, 0, MaxSignalCooldownNs);
        SettingRange.Check(keyPrefix + "orderCapacity", OrderCapacity, 1, 1 << 20);
        Signals.Validate(keyPrefix + "signals.");
        if (!Enum.IsDefined(DirectionSource)) throw new SettingException($"{keyPrefix}directionSource = {DirectionSource} is not one of Model, Fallback");
        SettingRange.Check(keyPrefix + "horizonNs", HorizonNs, 1, MaxSignalCooldownNs);
        SettingRange.Check(keyPrefix + "touchFlowTimeConstantNs", TouchFlowTimeConstantNs, 1_000_000, MaxSignalCooldownNs);
        if (ClassMeanMoveBps is { } m && (m.Count != 3 || m.Any(v => !double.IsFinite(v))))
            throw new SettingException($"{keyPrefix}classMeanMoveBps must be three finite numbers (down, flat, up)");
        ExpectedMove?.Validate(keyPrefix + "expectedMove.");
        Risk.Validate(keyPrefix + "risk.");
        Quotes.Validate(keyPrefix + "quotes.");
        Exchange.Fees.Validate(keyPrefix + "exchange.fees.makerPpm", keyPrefix + "exchange.fees.takerPpm");
        Futures.Validate(keyPrefix + "futures.");
        if (AccountAsset is { } asset && (string.IsNullOrWhiteSpace(asset) || asset.Length > 16 || !asset.All(char.IsAsciiLetterOrDigit)))
            throw new SettingException($"{keyPrefix}accountAsset: '{asset}' is not an asset name (letters and digits)");
        foreach (var q in PeggedQuotes)
            if (string.IsNullOrWhiteSpace(q) || q.Length > 16 || !q.All(char.IsAsciiLetterOrDigit))
                throw new SettingException($"{keyPrefix}peggedQuotes: '{q}' is not an asset name (letters and digits)");
    }
}
