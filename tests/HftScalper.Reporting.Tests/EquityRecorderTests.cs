
namespace HftScalper.Reporting.Tests;

public sealed class EquityRecorderTests
{
    private const long S = 1_000_000_000;

    [Fact]
    public void Grid_holds_the_equity_in_force_just_before_each_second_and_drops_the_partial_tail()
    {
        var equity = new EquityRecorder(gridIntervalNs: S);

        equity.Record(0, 100);
        equity.Record(S / 2, 110);
        equity.Record(12 * S / 10, 99);
        equity.Record(25 * S / 10, 108.9);
        equity.Record(31 * S / 10, 120);

        Assert.Equal([100, 110, 99, 108.9], equity.GridValues());
        Assert.Equal(20, equity.Pnl, 9);
        Assert.Equal(120, equity.PeakEquity);
    }

    [Fact]
    public void Max_drawdown_tracks_fraction_and_absolute_separately()
    {
        var equity = new EquityRecorder();

        equity.Record(0, 100);
        equity.Record(1, 50);    // 50 % of 100, 50 absolute
        equity.Record(2, 1000);
        equity.Record(3, 900);   // 10 % of 1000, 100 absolute
        equity.Record(4, 950);

        Assert.Equal(0.5, equity.MaxDrawdown, 12);
        Assert.Equal(100, equity.MaxDrawdownAbs, 12);
    }

    [Fact]
    public void Full_grid_doubles_its_interval_and_keeps_values_on_the_wider_grid()
    {
        var equity = new EquityRecorder(gridIntervalNs: S, gridCapacity: 4);

        for (long t = 0; t <= 9; t++) equity.Record(t * S, 100 + t);

        // Instants 0, 4 and 8 s: the equity just before each (the point at t = 4 s counts after its instant).
        Assert.Equal([100, 103, 107], equity.GridValues());
        Assert.Equal(4 * S, equity.GridIntervalNs);
    }

    [Fact]
    public void Trace_keeps_every_kth_point_doubling_k_and_always_ends_at_the_last_point()
    {
        var equity = new EquityRecorder(traceCapacity: 4);

        for (long i = 0; i < 10; i++) equity.Record(i * S, 100 + i);
        var (times, values, drawdown) = equity.Trace();

        Assert.Equal([0, 4 * S, 8 * S, 9 * S], times);
        Assert.Equal([100, 104, 108, 109], values);
        Assert.All(drawdown, d => Assert.Equal(0, d));
    }

    [Fact]
    public void Time_going_backwards_is_clamped_and_counted()
    {
        var equity = new EquityRecorder();

        equity.Record(10 * S, 100);
        equity.Record(5 * S, 101);

        Assert.Equal(1, equity.OutOfOrderPoints);
        Assert.Equal(10 * S, equity.LastTimeNs);
        Assert.Equal(101, equity.LastEquity);
    }

    [Fact]
    public void Non_finite_equity_is_counted_and_ignored()
    {
        var equity = new EquityRecorder();

        equity.Record(0, 100);
        equity.Record(1, double.NaN);
        equity.Record(2, double.PositiveInfinity);

        Assert.Equal(2, equity.InvalidPoints);
        Assert.Equal(1, equity.Count);
        Assert.Equal(0, equity.MaxDrawdown);
    }

    [Fact]
    public void Empty_recorder_has_no_grid_and_no_trace()
    {
        var equity = new EquityRecorder();

        Assert.Empty(equity.GridValues());
        Assert.Empty(equity.Trace().TimesNs);
        Assert.Equal(0, equity.Pnl);
    }
}
