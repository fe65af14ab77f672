using HftScalper.Trading.Ledger;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using static HftScalper.Trading.Tests.Risk.RiskFixture;

namespace HftScalper.Trading.Tests.Risk;

/// <summary>Kelly sizing on the run's record: pushes, the shrunk estimate and the term that refused. Fixture: one lot
/// at the ask = 1e6 account units, equity 1e10; a round trip of 1 lot over 10 ticks is 10 account units.</summary>
public sealed class KellyEvidenceTests
{
    [Fact]
    public void A_scratch_round_trip_is_a_push_not_a_loss()
    {
        var f = new RiskFixture();
        f.Ledger.ApplyFill(0, 1, 100, 0, Now);
        f.Ledger.ApplyFill(0, -1, 100, 0, Now);                 // in and out at 100, no fee: PnL exactly 0
        Assert.Equal((0L, 0L, 0L, 1L), (f.Ledger.Trades.Wins, f.Ledger.Trades.Losses, f.Ledger.Trades.SumLosses, f.Ledger.Trades.Pushes));

        f.Ledger.ApplyFill(0, 1, 100, 1, Now);
        f.Ledger.ApplyFill(0, -1, 100, 0, Now);                 // the same scratch paying a fee of 1: a loss of 1
        Assert.Equal((0L, 1L, 1L, 1L), (f.Ledger.Trades.Wins, f.Ledger.Trades.Losses, f.Ledger.Trades.SumLosses, f.Ledger.Trades.Pushes));
    }

    [Fact]
    public void Losses_without_a_win_leave_the_payoff_ratio_at_its_prior()
    {
        var losing = new TradeStatistics();
        for (int i = 0; i < 30; i++) losing.Record(-5);
        Assert.Equal(1.5, KellySizer.PayoffRatio(in losing, 30, 1.5), 12);   // no win: nothing says b moved

        var winning = new TradeStatistics();
        for (int i = 0; i < 10; i++) winning.Record(7);
        Assert.Equal(1.5, KellySizer.PayoffRatio(in winning, 30, 1.5), 12);  // no loss: finite, the prior
    }

    [Fact]
    public void Three_outcome_kelly_is_the_two_outcome_kelly_of_the_decisive_win_probability()
    {
        // p = 0.3, q = 0.2 (push 0.5), b = 2: (0.3 - 0.1) / 0.5 = 0.4 = 0.6 - 0.4 / 2.
        Assert.Equal(0.4, KellySizer.FullKelly(0.3, 0.2, 2.0), 12);
        Assert.Equal(0.4, KellySizer.FullKelly(0.6, 2.0), 12);
    }

    [Fact]
    public void Win_rate_and_payoff_ratio_are_shrunk_toward_the_prior()
    {
        var stats = new TradeStatistics();
        for (int i = 0; i < 4; i++) stats.Record(30);
        for (int i = 0; i < 6; i++) stats.Record(-10);
        // k = 10, c = 0.6, b0 = 1: p = (4 + 6) / 20 = 0.5, q = (6 + 4) / 20 = 0.5; u = (120 + 60) / 10 = 18,
        // mean win (120 + 180) / 14, mean loss (60 + 180) / 16 = 15: b = 300 / 210 = 10 / 7 (observed: 3); f* = 0.5 - 0.35.
        Assert.Equal(0.5, KellySizer.WinProbability(in stats, 10, 0.6), 12);
        Assert.Equal(0.5, KellySizer.LossProbability(in stats, 10, 0.6), 12);
        Assert.Equal(10.0 / 7, KellySizer.PayoffRatio(in stats, 10, 1.0), 12);
        var options = new RiskOptions { KellyPriorTrades = 10, KellyFraction = 1, MaxEquityFraction = 1 };
        Assert.Equal(RiskVerdict.Accept, KellySizer.Size(in stats, 0.6, 0, options, out double fraction));
        Assert.Equal(0.15, fraction, 12);
    }

    [Fact]
    public void Pushes_do_not_move_the_fraction()
    {
        var options = new RiskOptions { KellyPriorTrades = 10, KellyFraction = 1, MaxEquityFraction = 1 };
        var stats = new TradeStatistics();
        for (int i = 0; i < 4; i++) stats.Record(30);
        for (int i = 0; i < 6; i++) stats.Record(-10);
        KellySizer.Size(in stats, 0.6, 0, options, out double before);
        for (int i = 0; i < 25; i++) stats.Record(0);
        KellySizer.Size(in stats, 0.6, 0, options, out double after);
        Assert.Equal(before, after, 12);
    }

    [Fact]
    public void Five_early_losses_do_not_pin_sizing_at_zero()
    {
        var f = new RiskFixture();                             // k = 30, b0 = 1, quarter Kelly
        for (int i = 0; i < 5; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 90, 0, Now); }
        // c = 0.75: p = 22.5 / 35, q = 12.5 / 35, b = b0 = 1: f* = 10 / 35 = 2 / 7, x 0.25 = 1 / 14 of (1e10 - 50) -> 714 lots.
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.75f, out var order));
        Assert.Equal(714L, order.QuantityLots);
    }

    [Fact]
    public void The_runs_win_rate_enters_the_kelly_probability_and_names_itself_when_it_refuses()
    {
        var f = new RiskFixture();
        f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 110, 0, Now);
        for (int i = 0; i < 29; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 90, 0, Now); }
        // 1 win, 29 losses of 10; c = 0.75: p = 23.5 / 60, q = 36.5 / 60, b = 1 (u = 10): f* = -13 / 60. The model's bet
        // (0.75, b0 = 1) has f* = 0.5: the win rate took it away.
        Assert.Equal(RiskVerdict.NoEdgeWinRate, f.Evaluate(SignalDirection.Long, 0.75f, out var none));
        Assert.Equal(default, none);
        Assert.Equal(1, f.Risk.Counters[RiskVerdict.NoEdgeWinRate]);
    }

    [Fact]
    public void A_poor_payoff_ratio_names_itself_when_it_refuses()
    {
        var f = new RiskFixture();
        for (int i = 0; i < 20; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 101, 0, Now); }
        for (int i = 0; i < 10; i++) { f.Ledger.ApplyFill(0, 1, 200, 0, Now); f.Ledger.ApplyFill(0, -1, 100, 0, Now); }
        // 20 wins of 1, 10 losses of 100; c = 0.6: p = 38 / 60 (better than 0.6), u = (20 + 1000) / 30 = 34,
        // b = (20 + 1020) / 50 / ((1000 + 1020) / 40) = 20.8 / 50.5: f* = 0.633 - 0.367 / 0.412 < 0.
        Assert.Equal(RiskVerdict.NoEdgePayoff, f.Evaluate(SignalDirection.Long, 0.6f, out _));
    }

    [Fact]
    public void No_edge_in_the_model_itself_is_plain_no_edge()
    {
        var f = new RiskFixture();
        for (int i = 0; i < 20; i++) { f.Ledger.ApplyFill(0, 1, 100, 0, Now); f.Ledger.ApplyFill(0, -1, 110, 0, Now); }
        // A good record (20 wins of 10, p = 32 / 50 at c = 0.4, b = b0 = 1: f* = 0.28) sizes a weak signal ...
        Assert.Equal(RiskVerdict.Accept, f.Evaluate(SignalDirection.Long, 0.4f, out _));
        var fresh = new RiskFixture();
        // ... which alone (p = 0.4, b0 = 1: f* = -0.2) has no edge.
        Assert.Equal(RiskVerdict.NoEdge, fresh.Evaluate(SignalDirection.Long, 0.4f, out _));
    }
}
