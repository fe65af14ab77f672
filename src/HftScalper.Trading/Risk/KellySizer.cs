using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Fractional Kelly sizing from a Bayesian-shrunk estimate of the bet, and the term that refused when it finds no
/// edge. Pure arithmetic on the ledger's <see cref="TradeStatistics"/>; no state, no allocation.
/// </summary>
/// <remarks>
/// <para><b>The bet.</b> A round trip risks a fraction f of equity and has three outcomes: a win of b per unit lost
/// (probability p), a loss (q) or a push, PnL exactly 0 (r = 1 - p - q). Kelly (1956, "A new interpretation of
/// information rate", Bell System Technical Journal 35) maximises the expected log growth per bet; a push returns the
/// stake whole, so its term is r ln 1 = 0:
/// <code>
///   g(f)  = p ln(1 + f b) + q ln(1 - f) + r ln 1
///   g'(f) = p b / (1 + f b) - q / (1 - f) = 0
///   =>  p b (1 - f) = q (1 + f b)   =>   f* = (p b - q) / (b (p + q)) = (p - q / b) / (p + q)
/// </code>
/// (g'' = -p b^2 / (1 + f b)^2 - q / (1 - f)^2 &lt; 0, so this is the maximum; with r = 0 it is the textbook
/// f* = p - q / b, e.g. Thorp 2006, "The Kelly criterion in blackjack, sports betting and the stock market"; the push
/// term is our addition). The push probability cancels: f* is the two-outcome Kelly fraction of the win probability
/// given a decisive outcome, p / (p + q). A scratch changes nothing.</para>
/// <para><b>The estimate.</b> Shrunk toward a prior with a pseudo-count k = <see cref="RiskOptions.KellyPriorTrades"/>
/// round trips, so a handful of early trades cannot pin sizing at zero (or inflate it) and the evidence takes over as
/// it accumulates. With W wins, L losses, P pushes, N = W + L + P, and c the signal's probability (the model's own
/// probability that the trade goes its way; its flat class counts against, since a flat mid still pays the costs):
/// <code>
///   p = (W + k c) / (N + k)        q = (L + k (1 - c)) / (N + k)          (Beta/Dirichlet posterior means)
///   b = Wbar / Lbar,  Wbar = (SumWins + k b0 u) / (W + k),  Lbar = (SumLosses + k u) / (L + k)
///   u = (SumWins / b0 + SumLosses) / (W + L)        (the loss size implied by the pooled trades; b = b0 when W + L = 0)
/// </code>
/// Wbar and Lbar are posterior means of exponential win and loss sizes under inverse-gamma priors of k pseudo-trades
/// whose means are b0 u and u (b0 = <see cref="RiskOptions.PriorPayoffRatio"/>), the scale u taken from the pooled
/// trades (empirical Bayes), so b is scale-free and finite: losses with no win leave b at b0 (they move p instead),
/// wins with no loss too. With no trade p = c and b = b0, the model's bet.</para>
/// <para><b>Fractional Kelly.</b> max(0, f*) x <see cref="RiskOptions.KellyFraction"/>, capped at
/// <see cref="RiskOptions.MaxEquityFraction"/>, times min(1, target / volatility) when scaling is on.</para>
/// </remarks>
internal static class KellySizer
{
    /// <summary>Full Kelly fraction of a three-outcome bet, f* = (p - q / b) / (p + q) (may be negative: no edge;
    /// NaN when p + q = 0).</summary>
    public static double FullKelly(double winProbability, double lossProbability, double payoffRatio) =>
        (winProbability - lossProbability / payoffRatio) / (winProbability + lossProbability);

    /// <summary>Full Kelly fraction of a two-outcome bet, f* = p - (1 - p) / b.</summary>
    public static double FullKelly(double probability, double payoffRatio) => FullKelly(probability, 1.0 - probability, payoffRatio);

    /// <summary>Posterior mean of the win probability, (W + k c) / (N + k), N counting pushes; written as
    /// c + (W - N c) / (N + k) so that it is exactly c before any round trip.</summary>
    public static double WinProbability(in TradeStatistics trades, double priorTrades, double modelProbability) =>
        Shrunk(trades.Wins, trades.Count, priorTrades, modelProbability);

    /// <summary>Posterior mean of the loss probability, (L + k (1 - c)) / (N + k), N counting pushes (exactly 1 - c
    /// before any round trip).</summary>
    public static double LossProbability(in TradeStatistics trades, double priorTrades, double modelProbability) =>
        Shrunk(trades.Losses, trades.Count, priorTrades, 1.0 - modelProbability);

    // (hits + k prior) / (n + k) = prior + (hits - n prior) / (n + k).
    private static double Shrunk(long hits, long n, double priorTrades, double prior) => prior + (hits - n * prior) / (n + priorTrades);

    /// <summary>The shrunk payoff ratio b = Wbar / Lbar (see the class remarks): <paramref name="prior"/> with no
    /// decisive round trip, and with wins only or losses only; the observed mean win / mean loss as
    /// <paramref name="priorTrades"/> becomes small beside both counts. Finite and positive for a positive prior and
    /// pseudo-count.</summary>
    public static double PayoffRatio(in TradeStatistics trades, double priorTrades, double prior)
    {
        long decisive = trades.Decisive;
        if (decisive == 0) return prior;
        double u = (trades.SumWins / prior + trades.SumLosses) / decisive;
        double meanWin = (trades.SumWins + priorTrades * prior * u) / (trades.Wins + priorTrades);
        double meanLoss = (trades.SumLosses + priorTrades * u) / (trades.Losses + priorTrades);
        return meanWin / meanLoss;
    }

    /// <summary>Fraction of equity to hold for a two-outcome bet: <see cref="Scale"/> of f* = p - (1 - p) / b.</summary>
    public static double Fraction(double probability, double payoffRatio, double volatility, RiskOptions options) =>
        Scale(FullKelly(probability, payoffRatio), volatility, options);

    /// <summary>Fractional Kelly: max(0, f*) x <see cref="RiskOptions.KellyFraction"/>, capped at
    /// <see cref="RiskOptions.MaxEquityFraction"/>, times min(1, target / volatility) when scaling is on (0 for NaN).</summary>
    public static double Scale(double fullKelly, double volatility, RiskOptions options)
    {
        double f = fullKelly;
        if (!(f > 0)) return 0;
        f = Math.Min(f * options.KellyFraction, options.MaxEquityFraction);
        if (options.TargetVolatility > 0 && volatility > options.TargetVolatility && double.IsFinite(volatility))
            f *= options.TargetVolatility / volatility;
        return f;
    }

    /// <summary>
    /// Sizes an entry whose signal has probability <paramref name="confidence"/> from the run's
    /// <paramref name="trades"/>: <see cref="RiskVerdict.Accept"/> with the fraction of equity in
    /// <paramref name="fraction"/>, or the term that left the Kelly fraction at or below zero (fraction 0):
    /// <see cref="RiskVerdict.NoEdge"/> when the model's bet alone (p = c, b = b0) has none (or the multiplier is 0),
    /// else whichever of the run's evidence moved f* down more from the model's bet:
    /// <see cref="RiskVerdict.NoEdgeWinRate"/> (p, q) or <see cref="RiskVerdict.NoEdgePayoff"/> (b).
    /// </summary>
    public static RiskVerdict Size(in TradeStatistics trades, double confidence, double volatility, RiskOptions options, out double fraction)
    {
        double k = options.KellyPriorTrades, b0 = options.PriorPayoffRatio;
        double p = WinProbability(in trades, k, confidence), q = LossProbability(in trades, k, confidence);
        double b = PayoffRatio(in trades, k, b0);
        fraction = Scale(FullKelly(p, q, b), volatility, options);
        if (fraction > 0) return RiskVerdict.Accept;
        return Refusing(p, q, b, confidence, b0);
    }

    // Which term refused, measured from the model's own bet (p = c, b = b0) with each piece of the run's evidence alone.
    private static RiskVerdict Refusing(double p, double q, double b, double confidence, double b0)
    {
        double model = FullKelly(confidence, b0);
        if (FullKelly(p, q, b) > 0 || !(model > 0)) return RiskVerdict.NoEdge; // a zero multiplier or cap; or no edge in the model
        double winRate = FullKelly(p, q, b0) - model;
        double payoff = FullKelly(confidence, b) - model;
        return winRate <= payoff ? RiskVerdict.NoEdgeWinRate : RiskVerdict.NoEdgePayoff;
    }
}
