using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Tests.Risk;

public sealed class KellySizerTests
{
    [Theory]
    [InlineData(0.6, 1.0, 0.2)]
    [InlineData(0.55, 1.5, 0.25)]
    [InlineData(0.5, 1.0, 0.0)]
    [InlineData(0.4, 1.0, -0.2)]
    [InlineData(0.5, 2.0, 0.25)]
    public void Full_kelly_is_p_minus_q_over_b(double p, double b, double expected) =>
        Assert.Equal(expected, KellySizer.FullKelly(p, b), 12);

    [Fact]
    public void Fraction_applies_the_multiplier_the_cap_and_volatility_scaling()
    {
        var options = new RiskOptions { KellyFraction = 0.25, MaxEquityFraction = 0.1, TargetVolatility = 2.0 };
        Assert.Equal(0.05, KellySizer.Fraction(0.6, 1.0, 0, options), 12);      // 0.2 x 0.25
        Assert.Equal(0.1, KellySizer.Fraction(0.9, 1.0, 0, options), 12);       // 0.8 x 0.25 = 0.2, capped
        Assert.Equal(0.025, KellySizer.Fraction(0.6, 1.0, 4.0, options), 12);   // vol twice the target: halved
        Assert.Equal(0.05, KellySizer.Fraction(0.6, 1.0, 1.0, options), 12);    // calmer than the target: unscaled
        Assert.Equal(0.0, KellySizer.Fraction(0.5, 1.0, 0, options));
        Assert.Equal(0.0, KellySizer.Fraction(double.NaN, 1.0, 0, options));
    }

    [Fact]
    public void Payoff_ratio_moves_from_the_prior_toward_the_runs_ratio_as_round_trips_accumulate()
    {
        var stats = new TradeStatistics();
        Assert.Equal(1.5, KellySizer.PayoffRatio(in stats, 30, 1.5));               // no round trip: the prior
        for (int i = 0; i < 20; i++) stats.Record(20);
        for (int i = 0; i < 10; i++) stats.Record(-10);
        // observed b = 2; k = 30, b0 = 1.5: u = (400 / 1.5 + 100) / 30 = 110 / 9,
        // mean win (400 + 30 x 1.5 u) / 50 = 950 / 50 = 19, mean loss (100 + 30 u) / 40 = 35 / 3: b = 57 / 35 = 1.628...
        Assert.Equal(57.0 / 35, KellySizer.PayoffRatio(in stats, 30, 1.5), 12);
        Assert.Equal(2.0, KellySizer.PayoffRatio(in stats, 1e-9, 1.5), 6);          // a negligible prior: the observed ratio
    }
}
