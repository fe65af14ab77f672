using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

// The paper venue refuses an order off its symbol's tick or lot grid as Binance does (-1013 Filter failure:
// PRICE_FILTER / LOT_SIZE), so an order the exchange would refuse never fills in a backtest.
public sealed class PaperExchangeGridTests
{
    private static PaperExchange Venue(ReportRecorder rec)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-usdm", 2, 5, tickSize: 10, lotSize: 100); // tick 0.10, lot 0.001
        return new PaperExchange(rec, new PaperExchangeOptions { EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0) }, symbols);
    }

    [Theory]
    [InlineData(OrderType.Limit, 1_000_005, 100)]     // price between two ticks
    [InlineData(OrderType.PostOnly, 999_991, 100)]
    [InlineData(OrderType.Ioc, 1_000_010, 150)]       // quantity between two lots
    [InlineData(OrderType.Market, 0, 50)]             // below one lot
    public void An_order_off_the_tick_or_lot_grid_is_rejected_as_a_filter_failure_and_never_fills(OrderType type, long price, long qty)
    {
        var rec = new ReportRecorder();
        var px = Venue(rec);
        using var book = Book((Side.Bid, 999_990, 10_000), (Side.Ask, 1_000_000, 10_000));

        px.Submit(Order(1, OrderSide.Buy, type, price, qty));
        Feed(px, book, Clock(0));
        Feed(px, book, Trade(Ms, 990_000, 10_000, Side.Ask)); // a sell through every bid: a resting buy would fill

        var r = Assert.Single(rec.Reports);
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.FilterFailure), (r.Kind, r.Reason));
        Assert.Equal((1L, 1L, 0), (px.OffGridRejects, px.FilterRejects, px.RestingOrders));
    }

    [Fact]
    public void An_order_on_the_grid_is_taken()
    {
        var rec = new ReportRecorder();
        var px = Venue(rec);
        using var book = Book((Side.Bid, 999_990, 10_000), (Side.Ask, 1_000_000, 10_000));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 1_000_010, 200));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Fill], rec.Kinds);
        Assert.Equal(0L, px.OffGridRejects);
    }

    [Fact]
    public void The_desk_counts_every_filter_reject_and_logs_only_the_first()
    {
        var log = new Signals.SignalTestLogger();
        var counts = new ExecutionCounts { Logger = log };
        var reject = new ExecutionReport { Kind = ExecutionReportKind.Rejected, Reason = ExecutionReason.FilterFailure, ClientOrderId = new ClientOrderId(7) };

        for (int i = 0; i < 3; i++) counts.OnExecutionReport(in reject);

        Assert.Equal((3L, 3L), (counts.FilterRejects, counts.Rejects));
        var line = Assert.Single(log.Lines);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, line.Level);
        Assert.Contains("refused by the venue's filters", line.Message, StringComparison.Ordinal);
    }
}
