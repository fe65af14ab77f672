using HftScalper.Engine.Pipeline;


namespace HftScalper.Reporting.Tests;

public sealed class TradeRecorderTests
{
    private static RoundTrip Trip(int direction, long entry, long exit, double gross, double fees) => new()
    {
        SymbolId = 0, Direction = direction, EntryTimeNs = 0, ExitTimeNs = 2_000_000_000,
        EntryPriceTicks = entry, ExitPriceTicks = exit, QuantityLots = 1, GrossPnl = gross, Fees = fees,
    };

    private static TradeRecorder FourTrades(int capacity = 10)
    {
        var trades = new TradeRecorder(capacity);
        trades.Record(Trip(+1, 100, 103, 3.0, 0.5));  // win, right
        trades.Record(Trip(-1, 100, 101, -1.0, 0.5)); // loss, wrong
        trades.Record(Trip(+1, 100, 100, 0.0, 0.5));  // loss, price did not move: wrong
        trades.Record(Trip(-1, 105, 104, 1.0, 1.2));  // right direction, but fees make it a loss
        return trades;
    }

    [Fact]
    public void Win_rate_and_false_positive_rate_by_hand()
    {
        var trades = FourTrades();

        Assert.Equal(4, trades.Count);
        Assert.Equal(0.25, trades.WinRate, 12);
        Assert.Equal(0.5, trades.FalsePositiveRate, 12);
        Assert.Equal(0.3, trades.NetPnl, 9);
        Assert.Equal(2.7, trades.Fees, 9);
        Assert.Equal(2.5 / 2.2, trades.ProfitFactor, 9);
        Assert.Equal(2.0, trades.MeanHoldingSeconds, 12);
    }

    [Fact]
    public void Totals_cover_all_trades_while_only_the_first_are_kept()
    {
        var trades = FourTrades(capacity: 2);

        Assert.Equal(4, trades.Count);
        Assert.Equal(2, trades.Kept.Length);
        Assert.Equal(103, trades.Kept[0].ExitPriceTicks);
    }

    [Fact]
    public void Malformed_trips_are_counted_and_ignored()
    {
        var trades = new TradeRecorder();

        trades.Record(Trip(0, 100, 101, 1, 0));
        trades.Record(Trip(1, 100, 101, double.NaN, 0));

        Assert.Equal(2, trades.Invalid);
        Assert.Equal(0, trades.Count);
        Assert.Equal(0, trades.WinRate);
    }
}
