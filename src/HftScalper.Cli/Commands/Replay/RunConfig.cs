using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using HftScalper.Core.Settings;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;

namespace HftScalper.Cli.Commands.Replay;

/// <summary>
/// The <c>--config FILE</c> of <c>hft replay</c> and <c>hft run</c> (<see cref="ConfigFileSetup"/>): a JSON object whose members override the defaults; absent members
/// keep them. Example:
/// <code>
/// { "topology": "threaded", "ringSize": 16384, "waitStrategy": "blocking", "stageCores": [0, 1, 1],
///   "initialEquity": 100000, "signalCooldownMs": 2000, "directionSource": "Model", "signalEnter": 0.55, "signalExit": 0.45,
///   "expectedMove": { "score": "DirectionScore", "conditioning": "Signal", "bins": 8, "priorSamples": 10 },
///   "feeTier": "spot-vip0", "makerFeePpm": 1000, "takerFeePpm": 1000, "entryLatencyUs": 1000, "responseLatencyUs": 1000,
///   "peggedQuotes": ["FDUSD"], "accountAsset": "USDT",
///   "risk": { "kellyFraction": 0.25, "maxDrawdownFraction": 0.05, "maxOrdersPerSecond": 10 },
///   "quotes": { "horizonNs": 2000000000, "takeProfitTicks": 2 }, "queueModel": "Never",
///   "futures": { "leverage": 20, "marginMode": "Cross", "minLiquidationDistanceBps": 100,
///     "funding": { "intervalNs": 28800000000000, "rate": 0.0001 } } }
/// </code>
/// <c>risk</c> takes any property of <see cref="RiskOptions"/> in camelCase; <c>futures</c> any of
/// <see cref="FuturesOptions"/> (USD-M and COIN-M runs; a <c>funding.table</c> of <c>{"time", "rate"}</c> replaces the
/// interval; <c>contractSizes</c> and <c>coinBrackets</c> for COIN-M).
/// </summary>
internal sealed class RunConfig
{
    /// <summary><c>inline</c> or <c>threaded</c>.</summary>
    public string? Topology { get; set; }

    /// <summary>Event ring slots (power of two).</summary>
    public int? RingSize { get; set; }

    /// <summary>Threaded wait strategy.</summary>
    public string? WaitStrategy { get; set; }

    /// <summary>Threaded: threads carrying the stages behind the producer (3, 2: inference joins the strategy, 1).</summary>
    public int? StageThreads { get; set; }

    /// <summary>Threaded: most events a stage takes per ring batch (0 = uncapped, the default).</summary>
    public int? StageBatch { get; set; }

    /// <summary>Threaded: the producer runs the features stage before it publishes (stageThreads then 1 or 2).</summary>
    public bool? FeaturesOnProducer { get; set; }

    /// <summary>Threaded: events waiting before the producer wakes a sleeping stage (0 = after every message).</summary>
    public int? WakeBatch { get; set; }

    /// <summary>Cores for the features, inference and strategy threads.</summary>
    public int[]? StageCores { get; set; }

    /// <summary>Starting equity in the quote currency.</summary>
    public double? InitialEquity { get; set; }

    /// <summary>Signal cool-down in ms of exchange time.</summary>
    public double? SignalCooldownMs { get; set; }

    /// <summary>Model probability to enter a direction.</summary>
    public float? SignalEnter { get; set; }

    /// <summary>Model probability below which a held direction is left.</summary>
    public float? SignalExit { get; set; }

    /// <summary>Who picks the direction while a model serves: <c>Model</c> (default) or <c>Fallback</c> (the rule-based
    /// signal picks it and the model's expected move gates its entries; <see cref="Trading.Signals.DirectionSource"/>).</summary>
    public DirectionSource? DirectionSource { get; set; }

    /// <summary>Online per-symbol calibration of the expected move the EV gate uses (<see cref="Trading.Economics.MoveCalibrationOptions"/>
    /// in camelCase: <c>score</c>, <c>bins</c>, <c>zRange</c>, <c>halfLifeSamples</c>, <c>priorSamples</c>,
    /// <c>sampleIntervalNs</c>); present = on, absent (default) = the model's raw expected move.</summary>
    public Trading.Economics.MoveCalibrationOptions? ExpectedMove { get; set; }

    /// <summary>Fee tier by name (<c>spot-vip0</c>, <c>spot-vip0-bnb</c>, <c>usdm-vip0</c>, <c>usdm-vip0-bnb</c>,
    /// <c>coinm-vip0</c>; <see cref="Trading.Economics.FeeTiers"/>); <see cref="MakerFeePpm"/> and
    /// <see cref="TakerFeePpm"/> override its rates (a negative maker fee is a rebate). Default: the market's VIP 0.</summary>
    public string? FeeTier { get; set; }

    /// <summary>Maker fee, parts per million of notional (negative = rebate).</summary>
    public int? MakerFeePpm { get; set; }

    /// <summary>Taker fee, parts per million of notional.</summary>
    public int? TakerFeePpm { get; set; }

    /// <summary>Whether the file states the run's fee schedule: a <see cref="FeeTier"/>, or both
    /// <see cref="MakerFeePpm"/> and <see cref="TakerFeePpm"/> (a venue whose fees are not known trades only then).</summary>
    [JsonIgnore]
    public bool StatesFees => FeeTier is not null || (MakerFeePpm is not null && TakerFeePpm is not null);

    /// <summary>Quote assets pegged 1:1 to the account's USDT (e.g. <c>["FDUSD", "USDC"]</c>): symbols quoted in them
    /// trade with their amounts taken as USDT (<see cref="TradingOptions.PeggedQuotes"/>). A peg is the user's claim.</summary>
    public string[]? PeggedQuotes { get; set; }

    /// <summary>The asset the paper account holds (<see cref="TradingOptions.AccountAsset"/>: equity, fees, PnL and limits are
    /// amounts of it; <c>initialEquity</c> too). Default: USDT, or the margin coin of a COIN-M-only run (BTC for BTCUSD_PERP).</summary>
    public string? AccountAsset { get; set; }

    /// <summary>Order entry latency (constant), µs.</summary>
    public double? EntryLatencyUs { get; set; }

    /// <summary>Exchange response latency (constant), µs.</summary>
    public double? ResponseLatencyUs { get; set; }

    /// <summary>Risk options.</summary>
    public RiskOptions? Risk { get; set; }

    /// <summary>Quote management and exits (<see cref="QuoteOptions"/> in camelCase).</summary>
    public QuoteOptions? Quotes { get; set; }

    /// <summary>Paper exchange queue model: <c>Never</c> (default: cancels are behind us), <c>Proportional</c>
    /// (optimistic: cancels advance us pro rata) or <c>TradeThrough</c> (risk-averse: we are last, only trades through
    /// our price fill us).</summary>
    public QueueCancelModel? QueueModel { get; set; }
    /// <summary>USD-M futures options (leverage, margin mode, brackets, liquidation distances, funding).</summary>
    public FuturesOptions? Futures { get; set; }

    /// <summary>Online learning beside the frozen model (<see cref="OnlineConfig"/>; <c>online.enabled</c> = <c>--online</c>).</summary>
    public OnlineConfig? Online { get; set; }

    /// <summary>The served model's baseline gate (<see cref="ModelConfig"/>: <c>model.gateHorizonNs</c>, <c>model.gateThreshold</c>).</summary>
    public ModelConfig? Model { get; set; }

    /// <summary>Per-symbol direction models: symbol name to model file (<see cref="ReplaySymbolModels"/>); other symbols use the run's model.</summary>
    public Dictionary<string, string>? SymbolModels { get; set; }

    /// <summary>The file the settings came from (named in every error).</summary>
    [JsonIgnore]
    public string Source { get; private set; } = "";

    /// <summary>Most symbols one run registers (default <see cref="Core.Symbols.SymbolRegistry.DefaultMaxSymbols"/>,
    /// 10,000): a recording naming more has the extra ones refused and counted (<c>symbolsRefused</c>).</summary>
    public int? MaxSymbols { get; set; }

    /// <summary>Most levels a book keeps per side (default 10,000): farther ones are dropped and counted
    /// (<c>levelsDroppedByCap</c>).</summary>
    public int? MaxBookLevelsPerSide { get; set; }

    /// <summary>Record each decision's stage times against the work it caused (<c>stageLatencyByCause</c> in the JSON):
    /// a latency diagnostic, off by default.</summary>
    public bool? LatencyBreakdown { get; set; }

    // The settings records' omitted members keep their defaults (JsonInitDefaults): filled in from default instances
    // before the source-generated reader sees them. Text that does not parse goes to the reader as it is, which then
    // throws the error ConfigJsonError describes.
    private static RunConfig Read(string text)
    {
        var ctx = RunConfigJsonContext.Default;
        JsonObject? root;
        try { root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }) as JsonObject; }
        catch (JsonException) { root = null; }
        if (root is null) return JsonSerializer.Deserialize(text, ctx.RunConfig) ?? new RunConfig();
        if (JsonInitDefaults.Member(root, nameof(Risk)) is { } risk) JsonInitDefaults.Fill(risk, JsonSerializer.SerializeToNode(new RiskOptions(), ctx.RiskOptions)!.AsObject());
        if (JsonInitDefaults.Member(root, nameof(ExpectedMove)) is { } move) JsonInitDefaults.Fill(move, JsonSerializer.SerializeToNode(new Trading.Economics.MoveCalibrationOptions(), ctx.MoveCalibrationOptions)!.AsObject());
        if (JsonInitDefaults.Member(root, nameof(Quotes)) is { } quotes) JsonInitDefaults.Fill(quotes, JsonSerializer.SerializeToNode(new QuoteOptions(), ctx.QuoteOptions)!.AsObject());
        if (JsonInitDefaults.Member(root, nameof(Futures)) is { } futures) JsonInitDefaults.Fill(futures, JsonSerializer.SerializeToNode(new FuturesOptions(), ctx.FuturesOptions)!.AsObject());
        return JsonSerializer.Deserialize(root, ctx.RunConfig) ?? new RunConfig();
    }

    /// <summary>
    /// Reads <paramref name="path"/>; a malformed file, an unknown member or a value of the wrong kind is a
    /// <see cref="SettingException"/> with one line naming the file and the key.
    /// </summary>
    public static RunConfig Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"config file not found: {path}");
        string text = File.ReadAllText(path);
        RunConfig config;
        try
        {
            config = Read(text);
        }
        catch (JsonException e)
        {
            var parse = new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };
            throw new SettingException($"config {path}: {ConfigJsonError.Describe(e, text, RunConfigJsonContext.Default.RunConfig, parse).Message}", e);
        }
        config.Source = path;
        return config;
    }

    /// <summary>
    /// Checks every value's range, then applies the overrides to <paramref name="options"/>. An out-of-range value is
    /// a <see cref="SettingException"/> naming the file and the key as written there (e.g.
    /// <c>config run.json: risk.kellyFraction = 50 is out of range [0, 1]</c>).
    /// </summary>
    public PipelineOptions Apply(PipelineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        try
        {
            var applied = Build(options);
            applied.Validate();
            return applied;
        }
        catch (SettingException e)
        {
            throw new SettingException(Source.Length > 0 ? $"config {Source}: {e.Message}" : e.Message, e);
        }
    }

    /// <summary>The gate settings of the <c>model</c> section (<see cref="GateJudging.Own"/> without it); errors name the file and the key.</summary>
    public GateJudging Gate()
    {
        try { return Model?.Gate("model.") ?? GateJudging.Own; }
        catch (SettingException e) { throw new SettingException(Source.Length > 0 ? $"config {Source}: {e.Message}" : e.Message, e); }
    }

    // Keys flattened into this file (fees, latencies, thresholds, cool-down) are checked here under their own names,
    // against the limits of the option types they feed; nested option objects check themselves under their prefix.
    private PipelineOptions Build(PipelineOptions options)
    {
        const double maxLatencyUs = PaperExchangeOptions.MaxLatencyNs / 1000.0;
        var t = options.Trading;
        var signals = t.Signals;
        if (SignalEnter is not null || SignalExit is not null)
        {
            var th = new SignalThresholds(SignalEnter ?? signals.Thresholds.Enter, SignalExit ?? signals.Thresholds.Exit);
            SignalGeneratorOptions.ValidateProbabilities(th, "signalEnter", "signalExit");
            signals = signals with { Thresholds = th };
        }
        if (EntryLatencyUs is { } e) SettingRange.Check("entryLatencyUs", e, 0, maxLatencyUs);
        if (ResponseLatencyUs is { } r) SettingRange.Check("responseLatencyUs", r, 0, maxLatencyUs);
        var tier = FeeTier is null ? t.Exchange.Fees : Trading.Economics.FeeTiers.Get(FeeTier);
        var fees = new FeeSchedule(MakerFeePpm ?? tier.MakerPpm, TakerFeePpm ?? tier.TakerPpm);
        fees.Validate("makerFeePpm", "takerFeePpm");
        if (InitialEquity is { } equity) SettingRange.CheckPositive("initialEquity", equity, TradingOptions.MaxInitialEquity);
        if (SignalCooldownMs is { } cooldown) SettingRange.Check("signalCooldownMs", cooldown, 0, TradingOptions.MaxSignalCooldownNs / 1e6);
        Risk?.Validate("risk.");
        Quotes?.Validate("quotes.");
        ExpectedMove?.Validate("expectedMove.");
        if (DirectionSource is { } ds && !Enum.IsDefined(ds)) throw new SettingException($"directionSource = {ds} is not one of Model, Fallback");
        if (QueueModel is { } q && !Enum.IsDefined(q)) throw new SettingException($"queueModel = {q} is not one of Never, Proportional, TradeThrough");
        Futures?.Validate("futures.");
        Model?.Gate("model.");
        if (MaxSymbols is { } maxSymbols) SettingRange.Check("maxSymbols", maxSymbols, 1, 1_000_000);
        if (PeggedQuotes is { } pegged) (t with { PeggedQuotes = pegged }).Validate();
        if (AccountAsset is { } account) (t with { AccountAsset = account }).Validate();
        var ex = t.Exchange;
        var exchange = ex with
        {
            EntryLatency = EntryLatencyUs is { } eu ? LatencyModel.Constant((long)(eu * 1000)) : ex.EntryLatency,
            ResponseLatency = ResponseLatencyUs is { } ru ? LatencyModel.Constant((long)(ru * 1000)) : ex.ResponseLatency,
            Fees = fees,
            QueueModel = QueueModel ?? ex.QueueModel,
        };
        return options with
        {
            Topology = Topology is null ? options.Topology : PipelineOptions.ParseTopology("topology", Topology),
            RingSize = RingSize ?? options.RingSize,
            WaitStrategy = WaitStrategy ?? options.WaitStrategy,
            StageThreads = StageThreads ?? options.StageThreads,
            StageBatch = StageBatch ?? options.StageBatch,
            FeaturesOnProducer = FeaturesOnProducer ?? options.FeaturesOnProducer,
            WakeBatch = WakeBatch ?? options.WakeBatch,
            StageCores = StageCores ?? options.StageCores,
            MaxBookLevelsPerSide = MaxBookLevelsPerSide ?? options.MaxBookLevelsPerSide,
            LatencyBreakdown = LatencyBreakdown ?? options.LatencyBreakdown,
            Trading = t with
            {
                InitialEquity = InitialEquity ?? t.InitialEquity,
                SignalCooldownNs = SignalCooldownMs is { } c ? (long)(c * 1_000_000) : t.SignalCooldownNs,
                Signals = signals,
                DirectionSource = DirectionSource ?? t.DirectionSource,
                ExpectedMove = ExpectedMove ?? t.ExpectedMove,
                Exchange = exchange,
                Risk = Risk ?? t.Risk,
                Quotes = Quotes ?? t.Quotes,
                Futures = Futures ?? t.Futures,
                PeggedQuotes = PeggedQuotes is { } pegs ? [.. pegs.Select(p => p.Trim().ToUpperInvariant())] : t.PeggedQuotes,
                AccountAsset = AccountAsset is { } asset ? asset.Trim().ToUpperInvariant() : t.AccountAsset,
            },
        };
    }
}
