using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Risk;

/// <summary>
/// Fractional Kelly: f* = p - (1 - p) / b, with p the signal's probability and b the payoff ratio (average win /
/// average loss of closed round trips, or a prior until enough trades), times a fraction, capped, optionally
/// scaled down by volatility. Pure arithmetic; no state of its own.
/// </summary>
internal static class KellySizer
{
    /// <summary>Full Kelly fraction f* (may be negative: no edge).</summary>
    public static double FullKelly(double probability, double payoffRatio) =>
        probability - (1.0 - probability) / payoffRatio;

    /// <summary>The payoff ratio to use: <paramref name="prior"/> until <paramref name="minTrades"/> round trips,
    /// then the running average win / average loss. With enough trades and no win at all it is 0 (no edge, so no
    /// new exposure: the evidence beats the model's confidence); with no loss it is +infinity (f* = p, then
    /// capped).</summary>
    public static double PayoffRatio(in TradeStatistics trades, int minTrades, double prior)
    {
        if (trades.Count < minTrades) return prior;
        if (trades.Wins == 0) return 0;
        if (trades.Losses == 0 || trades.SumLosses == 0) return double.PositiveInfinity;
        return trades.PayoffRatio;
    }

    /// <summary>Fraction of equity to hold: max(0, f*) x <see cref="RiskOptions.KellyFraction"/>, capped at
    /// <see cref="RiskOptions.MaxEquityFraction"/>, times min(1, target / volatility) when scaling is on.</summary>
    public static double Fraction(double probability, double payoffRatio, double volatility, RiskOptions options)
    {
        double f = FullKelly(probability, payoffRatio);
        if (!(f > 0)) return 0;
        f = Math.Min(f * options.KellyFraction, options.MaxEquityFraction);
        if (options.TargetVolatility > 0 && volatility > options.TargetVolatility && double.IsFinite(volatility))
            f *= options.TargetVolatility / volatility;
        return f;
    }
}
