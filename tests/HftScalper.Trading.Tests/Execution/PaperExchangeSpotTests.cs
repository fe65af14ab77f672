using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class PaperExchangeSpotTests
{
    private static PaperExchange Venue(ReportRecorder rec, string venue = "binance-spot", bool margin = false)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", venue, 2, 5);
        return new PaperExchange(rec, new PaperExchangeOptions
        {
            EntryLatency = LatencyModel.Constant(0), ResponseLatency = LatencyModel.Constant(0), SpotMargin = margin,
        }, symbols);
    }

    private static ExecutionReport Last(ReportRecorder rec) => rec.Reports[^1];

    [Fact]
    public void A_spot_venue_rejects_a_sell_beyond_the_base_the_account_holds()
    {
        var rec = new ReportRecorder();
        var px = Venue(rec);
        using var book = Book((Side.Bid, 100, 50), (Side.Ask, 101, 50));

        px.Submit(Order(1, OrderSide.Sell, OrderType.Ioc, 100, 1));                 // nothing held
        Feed(px, book, Clock(0));
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.InsufficientBalance), (Last(rec).Kind, Last(rec).Reason));

        px.Submit(Order(2, OrderSide.Buy, OrderType.Ioc, 101, 5));
        Feed(px, book, Clock(Ms));
        Assert.Equal(5L, px.Inventory(0));

        px.Submit(Order(3, OrderSide.Sell, OrderType.Limit, 105, 3));               // rests: 3 of the 5 are locked
        px.Submit(Order(4, OrderSide.Sell, OrderType.Ioc, 100, 3));                 // 2 free: refused
        px.Submit(Order(5, OrderSide.Sell, OrderType.Ioc, 100, 2));                 // exactly what is free: fills
        Feed(px, book, Clock(2 * Ms));

        var outcome = rec.Reports.Where(r => r.ClientOrderId.Value >= 3).Select(r => (r.ClientOrderId.Value, r.Kind, r.Reason));
        Assert.Equal([(3L, ExecutionReportKind.Ack, ExecutionReason.None),
            (4L, ExecutionReportKind.Rejected, ExecutionReason.InsufficientBalance),
            (5L, ExecutionReportKind.Ack, ExecutionReason.None), (5L, ExecutionReportKind.Fill, ExecutionReason.None)], outcome);
        Assert.Equal((3L, 1), (px.Inventory(0), px.RestingOrders));
    }

    [Theory]
    [InlineData("binance-spot", true)]   // margin account
    [InlineData("binance-usdm", false)]  // futures go short
    public void A_margin_account_or_a_futures_market_may_sell_short(string venue, bool margin)
    {
        var rec = new ReportRecorder();
        var px = Venue(rec, venue, margin);
        using var book = Book((Side.Bid, 100, 50), (Side.Ask, 101, 50));

        px.Submit(Order(1, OrderSide.Sell, OrderType.Ioc, 100, 4));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Fill], rec.Kinds);
        Assert.Equal(-4L, px.Inventory(0));
    }
}
