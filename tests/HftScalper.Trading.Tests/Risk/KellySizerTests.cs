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
    public void Payoff_ratio_uses_the_prior_until_enough_round_trips()
    {
        var stats = new TradeStatistics();
        for (int i = 0; i < 19; i++) stats.Record(20);
        for (int i = 0; i < 10; i++) stats.Record(-10);
        Assert.Equal(1.5, KellySizer.PayoffRatio(in stats, minTrades: 30, prior: 1.5));

        stats.Record(20);
        Assert.Equal(2.0, KellySizer.PayoffRatio(in stats, minTrades: 30, prior: 1.5), 12);
    }

    [Fact]
    public void Enough_round_trips_without_a_win_leave_no_edge_and_without_a_loss_f_is_p()
    {
        var options = new RiskOptions { KellyFraction = 1.0, MaxEquityFraction = 1.0 };
        var losing = new TradeStatistics();
        for (int i = 0; i < 30; i++) losing.Record(-5);
        double b = KellySizer.PayoffRatio(in losing, minTrades: 30, prior: 1.0);
        Assert.Equal(0.0, b);
        Assert.Equal(0.0, KellySizer.Fraction(0.99, b, 0, options));

        var winning = new TradeStatistics();
        for (int i = 0; i < 30; i++) winning.Record(5);
        b = KellySizer.PayoffRatio(in winning, minTrades: 30, prior: 1.0);
        Assert.Equal(0.6, KellySizer.Fraction(0.6, b, 0, options), 12);
    }
}
