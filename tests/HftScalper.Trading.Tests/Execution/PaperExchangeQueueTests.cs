using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class PaperExchangeQueueTests
{
    // A post-only buy of 3 joins the bid at 100 behind the 10 lots visible there.
    private static (ReportRecorder Rec, PaperExchange Px, Native.NativeOrderBook Book) Resting(QueueCancelModel model = QueueCancelModel.Never)
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec, queue: model);
        var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));
        px.Submit(Order(1, OrderSide.Buy, OrderType.PostOnly, 100, 3));
        Feed(px, book, Clock(0));
        Assert.Equal([ExecutionReportKind.Ack], rec.Kinds);
        return (rec, px, book);
    }

    [Fact]
    public void Trade_through_model_keeps_us_last_so_only_a_trade_or_book_through_our_price_fills()
    {
        var (rec, px, book) = Resting(QueueCancelModel.TradeThrough);
        using var _ = book;

        Feed(px, book, Trade(Ms, 100, 1000, Side.Ask));          // all of the level and more trades at our price
        Feed(px, book, Level(2 * Ms, Side.Ask, 101, 0, last: false));
        Feed(px, book, Level(2 * Ms, Side.Ask, 100, 5));         // the ask comes down to our price: not through
        Assert.Empty(rec.Fills);

        Feed(px, book, Trade(3 * Ms, 99, 1, Side.Ask));          // a sell below our price: our level is gone
        Assert.Equal([(ExecutionReportKind.Fill, 3L)], rec.Fills.Select(f => (f.Kind, f.LastQuantityLots)));
    }

    [Fact]
    public void Resting_order_fills_only_after_the_queue_ahead_has_traded()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        Feed(px, book, Trade(Ms, 100, 50, Side.Bid));      // buyers lift the ask: nothing to do with our bid
        Feed(px, book, Trade(2 * Ms, 100, 6, Side.Ask));   // 10 ahead -> 4
        Assert.Empty(rec.Fills);

        Feed(px, book, Trade(3 * Ms, 100, 5, Side.Ask));   // 4 ahead eaten, 1 left for us
        Feed(px, book, Trade(4 * Ms, 100, 4, Side.Ask));   // 2 more for us (we only need 2)

        Assert.Equal([(ExecutionReportKind.PartialFill, 1L), (ExecutionReportKind.Fill, 2L)],
            rec.Fills.Select(f => (f.Kind, f.LastQuantityLots)));
        Assert.All(rec.Fills, f => Assert.Equal((100L, Liquidity.Maker), (f.LastPriceTicks, f.Liquidity)));
        Assert.Equal(0, px.RestingOrders);
    }

    [Fact]
    public void A_trade_of_unknown_side_fills_no_resting_order()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));
        px.Submit(Order(1, OrderSide.Sell, OrderType.PostOnly, 101, 3)); // joins the ask behind 10
        Feed(px, book, Clock(0));

        // A side-less print (a source that has none and could not sign it) was read as a buy and ate the ask queue.
        Feed(px, book, Trade(Ms, 101, 50, Side.None));
        Assert.Empty(rec.Fills);

        Feed(px, book, Trade(2 * Ms, 101, 13, Side.Bid));   // a real buy aggressor still does
        Assert.Equal(3L, rec.Fills.Sum(f => f.LastQuantityLots));
    }

    [Fact]
    public void Queue_ahead_never_exceeds_the_visible_quantity()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        Feed(px, book, Level(Ms, Side.Bid, 100, 4));        // 6 cancelled: at most 4 can be ahead now
        Feed(px, book, Trade(2 * Ms, 100, 5, Side.Ask));

        Assert.Equal(1L, rec.Fills.Single().LastQuantityLots);
    }

    [Theory]
    [InlineData(QueueCancelModel.Never, 0L)]
    [InlineData(QueueCancelModel.Proportional, 2L)]
    public void Cancels_advance_the_queue_only_as_configured(QueueCancelModel model, long expectedFill)
    {
        var (rec, px, book) = Resting(model);
        using var _ = book;

        Feed(px, book, Level(Ms, Side.Bid, 100, 20));        // 10 join behind us
        Feed(px, book, Level(2 * Ms, Side.Bid, 100, 10));    // 10 cancel: Never = all behind; Proportional = 10 x 10/20 ahead
        Feed(px, book, Trade(3 * Ms, 100, 7, Side.Ask));     // Never: 10 ahead -> 3; Proportional: 5 ahead -> 2 for us

        Assert.Equal(expectedFill, rec.Fills.Sum(f => f.LastQuantityLots));
    }

    [Fact]
    public void Trades_at_our_price_are_not_counted_again_as_cancels_when_the_depth_catches_up()
    {
        var (rec, px, book) = Resting(QueueCancelModel.Proportional);
        using var _ = book;

        Feed(px, book, Trade(Ms, 100, 4, Side.Ask));          // 10 ahead -> 6
        Feed(px, book, Level(2 * Ms, Side.Bid, 100, 6));      // the same 4 lots leave the depth: not a cancel
        Feed(px, book, Trade(3 * Ms, 100, 6, Side.Ask));      // exactly the 6 ahead

        Assert.Empty(rec.Fills);
        Feed(px, book, Trade(4 * Ms, 100, 1, Side.Ask));
        Assert.Equal(1L, rec.Fills.Single().LastQuantityLots);
    }

    [Fact]
    public void A_trade_through_our_price_fills_the_whole_order()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        Feed(px, book, Trade(Ms, 99, 1, Side.Ask));

        var fill = rec.Fills.Single();
        Assert.Equal((ExecutionReportKind.Fill, 100L, 3L, Liquidity.Maker), (fill.Kind, fill.LastPriceTicks, fill.LastQuantityLots, fill.Liquidity));
    }

    [Fact]
    public void The_book_moving_through_our_price_fills_it_at_the_end_of_the_depth_message()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        Feed(px, book, Level(Ms, Side.Bid, 100, 0, last: false));
        Feed(px, book, Level(Ms, Side.Ask, 101, 0, last: false));
        Feed(px, book, Level(Ms, Side.Ask, 100, 5, last: false));
        Assert.Empty(rec.Fills);                               // mid-message: the book is not consistent yet

        Feed(px, book, Level(Ms, Side.Ask, 102, 5, last: true));
        Assert.Equal((ExecutionReportKind.Fill, 100L, 3L), (rec.Fills.Single().Kind, rec.Fills.Single().LastPriceTicks, rec.Fills.Single().LastQuantityLots));
    }

    [Fact]
    public void A_trade_before_the_order_arrives_does_not_fill_it()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec, entryNs: Ms);
        using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));
        Feed(px, book, Clock(0));
        px.Submit(Order(1, OrderSide.Buy, OrderType.PostOnly, 100, 3));

        Feed(px, book, Trade(Ms / 2, 99, 5, Side.Ask));        // through our price, but we are not there yet
        Assert.Empty(rec.Reports);
        Feed(px, book, Clock(Ms));
        Assert.Equal([ExecutionReportKind.Ack], rec.Kinds);
    }

    [Fact]
    public void Cancel_removes_a_resting_order_and_a_second_cancel_is_rejected()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        px.Cancel(new ClientOrderId(1), 0, Ms);
        px.Cancel(new ClientOrderId(1), 0, Ms);
        Feed(px, book, Clock(Ms));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Cancelled, ExecutionReportKind.Rejected], rec.Kinds);
        Assert.Equal((ExecutionReason.CancelRequested, ExecutionReason.UnknownOrder), (rec.Reports[1].Reason, rec.Reports[2].Reason));
        Assert.Equal(0, px.RestingOrders);
    }

    [Fact]
    public void Replace_cancels_the_original_and_the_replacement_queues_anew()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        Feed(px, book, Trade(Ms, 100, 8, Side.Ask));           // original now has 2 ahead
        px.Replace(new ClientOrderId(1), Order(2, OrderSide.Buy, OrderType.PostOnly, 100, 3, timeNs: Ms));
        Feed(px, book, Clock(Ms));
        Feed(px, book, Trade(2 * Ms, 100, 5, Side.Ask));       // the replacement is behind all 10 visible lots

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Cancelled, ExecutionReportKind.Ack], rec.Kinds);
        Assert.Equal((new ClientOrderId(1), ExecutionReason.Replaced), (rec.Reports[1].ClientOrderId, rec.Reports[1].Reason));
        Assert.Equal(new ClientOrderId(2), rec.Reports[2].ClientOrderId);
        Assert.Equal(1, px.RestingOrders);
    }

    [Fact]
    public void Resting_orders_survive_a_feed_gap_and_requeue_against_the_rebuilt_book()
    {
        var (rec, px, book) = Resting();
        using var _ = book;

        var gap = new MarketEvent { ExchangeTimeNs = Ms, SymbolId = 0, Kind = MarketEventKind.Status, UpdateId = (long)FeedStatus.Gap };
        px.OnMarketEvent(in gap, null);                           // unsynced: no book to match against
        Feed(px, book, Trade(2 * Ms, 100, 5, Side.Ask));           // trades still eat the queue: 10 ahead -> 5

        var start = new MarketEvent { ExchangeTimeNs = 3 * Ms, SymbolId = 0, Kind = MarketEventKind.SnapshotLevel, Side = Side.Ask, Price = 101, Quantity = 7, Flags = MarketEventFlags.SnapshotStart };
        var level = new MarketEvent { ExchangeTimeNs = 3 * Ms, SymbolId = 0, Kind = MarketEventKind.SnapshotLevel, Side = Side.Bid, Price = 100, Quantity = 2, Flags = MarketEventFlags.LastInMessage };
        Feed(px, book, start);
        Feed(px, book, level);                                    // rebuilt: only 2 visible at our price
        Feed(px, book, Trade(4 * Ms, 100, 3, Side.Ask));

        Assert.Equal(1, px.RestingOrders);
        Assert.Equal((ExecutionReportKind.PartialFill, 1L), (rec.Fills.Single().Kind, rec.Fills.Single().LastQuantityLots));
    }
}
