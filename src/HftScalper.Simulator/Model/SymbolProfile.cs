namespace HftScalper.Simulator.Model;

/// <summary>
/// The calibrated order-flow parameters of one simulated symbol. The BTCUSDT preset is fitted to the real
/// Binance spot recording (see README.md: spread, depth profile, event rates, trade sizes, bursts); other
/// symbols reuse its shape at their own price and size scale.
/// </summary>
/// <param name="Symbol">Upper-case venue symbol, e.g. <c>BTCUSDT</c>.</param>
/// <param name="StartPriceTicks">Initial best bid in ticks of 0.01.</param>
/// <param name="SizeScale">Multiplier on every order size (BTC = 1; cheaper coins trade larger quantities).</param>
/// <param name="EventRate">Mean limit/cancel/market events per second from the two clocks, including their
/// self-excited part but not the kicks sweeps add (the calibrated total is ~15 % above it); the activity regime
/// scales the baselines with a long-run mean of 1.</param>
/// <param name="Branching">Hawkes branching ratio (0..1): the share of events triggered by earlier ones; it sets
/// the burstiness (Fano factor of counts) while <see cref="EventRate"/> sets the mean.</param>
/// <param name="DecayPerSecond">Hawkes kernel decay rate beta (1/s): how fast a burst fades.</param>
/// <param name="MarketShare">Share of all events that are market orders (they run on their own, more strongly
/// self-exciting clock).</param>
/// <param name="CancelShare">Share of all events that are cancels (the rest are limit orders).</param>
public sealed record SymbolProfile(
    string Symbol,
    long StartPriceTicks,
    double SizeScale = 1.0,
    double EventRate = 580,
    double Branching = 0.95,
    double DecayPerSecond = 10,
    double MarketShare = 0.012,
    double CancelShare = 0.49)
{
    /// <summary>Branching ratio of market orders on themselves (a marked Hawkes component on top of the clock):
    /// the mean number of extra market orders one triggers. Trades cluster far more than quotes on the real feed.</summary>
    public double MarketBranching { get; init; } = 0.6;

    /// <summary>Decay rate (1/s) of the market-order self-excitation.</summary>
    public double MarketDecayPerSecond { get; init; } = 3.0;

    /// <summary>Baseline multiplier of both clocks in the calm activity regime (see <see cref="RegimeActiveScale"/>).</summary>
    public double RegimeCalmScale { get; init; } = 0.6;

    /// <summary>Baseline multiplier of both clocks in the active regime: a slow Markov switch between calm and
    /// active waves (mean dwell <see cref="RegimeCalmSeconds"/> / <see cref="RegimeActiveSeconds"/>), with a
    /// long-run mean scale of 1 at the defaults.</summary>
    public double RegimeActiveScale { get; init; } = 2.2;

    /// <summary>Mean dwell time of the calm regime, seconds.</summary>
    public double RegimeCalmSeconds { get; init; } = 12;

    /// <summary>Mean dwell time of the active regime, seconds.</summary>
    public double RegimeActiveSeconds { get; init; } = 4;

    /// <summary>Kick (events/s, decaying with the flow kernel) a market order gives the limit/cancel flow per
    /// price level it clears: market makers re-quote in a storm after a sweep.</summary>
    public double SweepQuoteKick { get; init; } = 60;

    /// <summary>Kick (market orders/s, decaying with the market kernel) per price level a market order clears:
    /// a sweep triggers more aggressive orders (stop-outs, momentum), the cascades of the real feed.</summary>
    public double SweepMarketKick { get; init; } = 1.5;

    /// <summary>Probability that a market order repeats the previous one's side (otherwise the side is drawn by
    /// the touch imbalance): consecutive aggressor sides agree 70 % of the time on the real feed.</summary>
    public double MarketSidePersistence { get; init; } = 0.4;

    /// <summary>Lean of freshly drawn aggressor sides towards the current metaorder's direction (a hidden,
    /// seconds-long buy or sell program being worked in pieces): P(buy) moves by +-this. It makes the flow trend
    /// over seconds, and the queues it runs over stay thin, so the imbalance carries an edge at 10 s too.</summary>
    public double MetaorderBias { get; init; } = 0.05;

    /// <summary>Mean life of one metaorder direction, seconds (exponential; the next direction is a coin flip).</summary>
    public double MetaorderSeconds { get; init; } = 8;

    /// <summary>How far makers skew where they join the touch away from the side recent aggressors hit
    /// (adverse selection): P(join bid) = 0.5 + skew * tanh(flow / 4) / 2, with flow the signed count of recent
    /// market orders (buys +1, sells -1) decaying over <see cref="FlowMemorySeconds"/>. The side being hit
    /// stays thin, so the queue imbalance reflects the flow the makers have seen.</summary>
    public double QuoteSkew { get; init; } = 0.15;

    /// <summary>Decay time of the makers' memory of signed aggressor flow, seconds.</summary>
    public double FlowMemorySeconds { get; init; } = 5;

    /// <summary>How strongly a freshly drawn market order side leans to the thinner best queue:
    /// P(sell) = 0.5 - bias * (Qbid - Qask) / (Qbid + Qask) / 2. Aggressors take thin queues (the price moves
    /// there at the least cost), which is the queue-reactive source of the imbalance predictability.</summary>
    public double ThinSideBias { get; init; } = 1.0;

    /// <summary>Share of spread-improving orders, while the spread is open after a market order cleared one
    /// side's touch, placed by the other side one tick from the new best: the price follows the sweep.</summary>
    public double ChaseShare { get; init; } = 0.95;

    /// <summary>Mean duration (ms, exponential) of the liquidity withdrawal after a market order clears a touch:
    /// makers who were just run over stop quoting at that side's best while the other side re-quotes.</summary>
    public double WithdrawalMeanMs { get; init; } = 300;

    /// <summary>Share of the touch-joining orders of the run-over side that are withheld (placed on the other
    /// side instead) during a withdrawal.</summary>
    public double WithdrawalStrength { get; init; } = 0.9;

    /// <summary>Limit orders joining the best queue (distance 0) rather than placed deeper.</summary>
    public double JoinBestShare { get; init; } = 0.15;

    /// <summary>Size multiplier of orders joining the best queue (market makers quote larger than the flow deeper
    /// in the book, which is why the real best queue holds most of the top-10 depth).</summary>
    public double JoinBestSizeFactor { get; init; } = 3.0;

    /// <summary>Nearest distance, in ticks, of a limit order resting behind the best (the real book is sparse
    /// right behind the touch: the second level is often tens of ticks away).</summary>
    public int MinDeepDistanceTicks { get; init; } = 100;

    /// <summary>Share of spread-improving orders that close the spread to one tick at once (requoting market
    /// makers); the rest land uniformly inside the spread.</summary>
    public double CloseSpreadShare { get; init; } = 0.8;

    /// <summary>Probability that a limit order arriving while the spread is wider than one tick improves it.</summary>
    public double ImproveWhenWide { get; init; } = 0.3;

    /// <summary>Cancels aimed at the best queue (the rest land deeper in the book).</summary>
    public double CancelBestShare { get; init; } = 0.20;

    /// <summary>How strongly cancels aimed at the best queue lean to the thinner one: P(cancel at the bid) =
    /// 0.5 - bias * (Qbid - Qask) / (Qbid + Qask) / 2. Makers leave the queue about to be run over first (queue
    /// depletion), so the touch imbalance predicts the next mid move through the book, not only through the trade
    /// flow: on the real feed the L1 imbalance predicts the mid far better than the signed trade flow does
    /// (hft calibrate, README).</summary>
    public double CancelThinBias { get; init; } = 0.6;

    /// <summary>Largest share of a queue one cancel removes (uniform up to it): makes cancels proportional to
    /// queue size, which keeps the best queue stationary.</summary>
    public double CancelQueueFraction { get; init; } = 0.1;

    /// <summary>Deepest placement distance of a limit order, in ticks from the own-side best (log-uniform tail).</summary>
    public int MaxDistanceTicks { get; init; } = 30_000;

    /// <summary>Median size, in lots of 10^-5, of a limit order at or inside the touch (before
    /// <see cref="JoinBestSizeFactor"/>): market makers' quotes.</summary>
    public double LimitSizeMedianLots { get; init; } = 1_000;

    /// <summary>Log-normal sigma of touch order sizes.</summary>
    public double LimitSizeSigma { get; init; } = 2.0;

    /// <summary>Median size, in lots, of a limit order resting behind the touch: the real book behind the best
    /// queue is mostly dust (the second level's median is ~0.002 BTC) with a heavy tail.</summary>
    public double DeepSizeMedianLots { get; init; } = 150;

    /// <summary>Log-normal sigma of deep order sizes.</summary>
    public double DeepSizeSigma { get; init; } = 2.5;

    /// <summary>Median market-order size in lots of 10^-5.</summary>
    public double MarketSizeMedianLots { get; init; } = 250;

    /// <summary>Log-normal sigma of market-order sizes (heavy tail: most trades are tiny, a few sweep).</summary>
    public double MarketSizeSigma { get; init; } = 3.0;

    /// <summary>Share of the resting orders a market order meets that are dust (the rest are makers' orders).</summary>
    public double DustFillShare { get; init; } = 0.5;

    /// <summary>Median size, in lots, of a maker's resting order met by a market order.</summary>
    public double MakerFillMedianLots { get; init; } = 10_000;

    /// <summary>Median size, in lots, of a dust resting order met by a market order.</summary>
    public double DustFillMedianLots { get; init; } = 30;

    /// <summary>Most levels one market order may sweep (the rest of it is cancelled, like an IOC limit).</summary>
    public int MaxSweepLevels { get; init; } = 40;

    /// <summary>Decimal places of one quantity lot on the wire (BTCUSDT 5: step 0.00001; ETHUSDT 4).</summary>
    public int QuantityDecimals { get; init; } = 5;

    /// <summary>Decimal places of a price on the wire (default 2: the tick of the simulated ladder is 0.01).</summary>
    public int PriceDecimals { get; init; } = 2;

    /// <summary>Wire price units (of <see cref="PriceDecimals"/>) per simulated tick (default 1). The same market at
    /// another price scale: 10 with 2 decimals writes every price x10 with a tick of 0.10; the order flow, drawn in
    /// ticks, is unchanged. Sizes of a scaled market: <see cref="LotUnits"/>.</summary>
    public long TickUnits { get; init; } = 1;

    /// <summary>Wire quantity units (of <see cref="QuantityDecimals"/>) per simulated lot (default 1): 10 writes every
    /// size x10 while the simulated flow (drawn in lots) stays the same, unlike <see cref="SizeScale"/>, which
    /// changes the draws.</summary>
    public long LotUnits { get; init; } = 1;

    /// <summary>Mean feed latency (exchange event to local receive), ns.</summary>
    public long FeedLatencyNs { get; init; } = 2_000_000;

    /// <summary>Multiplier of both clocks' baselines on top of the activity regime (default 1). A regime change
    /// (<see cref="AfterRegimeChange"/>) raises it: a busier, more volatile market.</summary>
    public double ActivityScale { get; init; } = 1.0;

    /// <summary>Extra multiplier of the market-order clock's baseline (default 1): more aggressors, more sweeps.</summary>
    public double MarketScale { get; init; } = 1.0;

    /// <summary>
    /// The same symbol after a regime change (<see cref="SimulatorOptions.RegimeChangeAt"/>): busier (x1.5 flow, x1.5
    /// market orders on top: more sweeps, higher volatility), trendier (metaorders lean 0.25 and last 20 s, aggressors
    /// repeat their side 55 %), and with the book's edge reversed: aggressors lean to the thicker queue, cancels at the
    /// touch deplete the thicker one makers skew towards the side being hit, and the thicker queue is sometimes pulled whole
    /// (<see cref="PullShare"/>: bait), so the queue imbalance that predicted
    /// the next mid move now predicts the opposite one. A model trained before the change is measurably wrong after it.
    /// </summary>
    public SymbolProfile AfterRegimeChange() => this with
    {
        ActivityScale = ActivityScale * 1.5,
        MarketScale = MarketScale * 1.5,
        MetaorderBias = 0.1,
        MetaorderSeconds = 20,
        MarketSidePersistence = 0.55,
        ThinSideBias = -ThinSideBias,
        CancelThinBias = -CancelThinBias,
        QuoteSkew = -QuoteSkew,
        PullShare = 0.15,
    };

    /// <summary>
    /// Share of the cancels aimed at the best queue that pull the whole thicker queue at once (default 0: never): a
    /// large resting queue that was bait (spoofing) disappears, the price drops through the dust behind it and the other
    /// side chases it. Only the regime after a change sets it; it is what turns the imbalance edge around.
    /// </summary>
    public double PullShare { get; init; }

    /// <summary>
    /// Share of market orders sized to clear the whole touch they hit (default 0: sizes are drawn alone): a large
    /// informed aggressor takes out the visible queue. With aggressors leaning to the thicker queue (a negative
    /// <see cref="ThinSideBias"/>), the thick side is the one that gets cleared.
    /// </summary>
    public double ClearTouchShare { get; init; }

    /// <summary>
    /// The same market traded in whole inverse contracts of <paramref name="contractSizeUsd"/> USD each (Binance COIN-M:
    /// quantity step 1): quantities on the wire have no decimals and every size the flow draws, a coin amount, becomes
    /// that amount's USD value at the start price in contracts (<see cref="SizeScale"/> absorbs the conversion, at least
    /// one contract per order). Prices, clocks and the book's shape are unchanged. The contract size is the caller's
    /// (the trading side's one home for it); the simulator only expresses its flow in it.
    /// </summary>
    public SymbolProfile InContracts(long contractSizeUsd)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contractSizeUsd);
        double priceUsd = StartPriceTicks * TickUnits / Math.Pow(10, PriceDecimals);
        return this with { SizeScale = SizeScale * LotUnits * priceUsd / contractSizeUsd, QuantityDecimals = 0, LotUnits = 1 };
    }

    /// <summary>The BTCUSDT preset (calibrated to the real recording).</summary>
    public static SymbolProfile Btcusdt { get; } = new("BTCUSDT", 6_183_763);

    /// <summary>The ETHUSDT preset: BTCUSDT's flow shape at ETH's price, 20x the quantity, 60% of the activity.</summary>
    public static SymbolProfile Ethusdt { get; } = new("ETHUSDT", 260_112, SizeScale: 20, EventRate: 350) { QuantityDecimals = 4 };

    /// <summary>
    /// A quiet, tick-constrained book (an altcoin, not BTCUSDT): <paramref name="eventRate"/> events/s, a price of
    /// <paramref name="startPriceTicks"/> ticks of 0.01 (so one tick is 1e4 / price bps), and a dense book behind the
    /// touch (orders from one tick away, none deeper than a third of the price), so a sweep moves the mid a tick or
    /// two rather than through dust. Most 2 s windows see no mid change, as on the real quiet symbols.
    /// </summary>
    public static SymbolProfile QuietAlt(string symbol, long startPriceTicks, double eventRate, double sizeScale) =>
        new(symbol, startPriceTicks, SizeScale: sizeScale, EventRate: eventRate)
        {
            MinDeepDistanceTicks = 1,
            MaxDistanceTicks = (int)Math.Clamp(startPriceTicks / 3, 10, 30_000),
            MaxSweepLevels = 10,
        };

    /// <summary>Quiet altcoin presets of the training mix (<see cref="SimulatorOptions.Training"/>): activity from 12
    /// to 400 events/s and ticks of 0.4 to 12.5 bps, spanning the quiet real books rather than fitted to one.</summary>
    public static IReadOnlyList<SymbolProfile> QuietAlts { get; } =
    [
        QuietAlt("ALT1USDT", 3_500, 100, 300),
        QuietAlt("ALT2USDT", 25_000, 400, 20),
        QuietAlt("ALT3USDT", 800, 12, 3_000),
    ];

    /// <summary>The preset for <paramref name="symbol"/> (case-insensitive): BTCUSDT, ETHUSDT, or BTCUSDT's shape
    /// at a price derived from the name so unknown symbols still simulate deterministically.</summary>
    public static SymbolProfile For(string symbol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(symbol);
        string upper = symbol.ToUpperInvariant();
        if (upper == Btcusdt.Symbol) return Btcusdt;
        if (upper == Ethusdt.Symbol) return Ethusdt;
        foreach (var alt in QuietAlts)
            if (upper == alt.Symbol) return alt;
        ulong h = 1469598103934665603UL;
        foreach (char c in upper) h = (h ^ c) * 1099511628211UL;
        return new SymbolProfile(upper, 10_000 + (long)(h % 1_000_000), SizeScale: 100, EventRate: 300);
    }
}
