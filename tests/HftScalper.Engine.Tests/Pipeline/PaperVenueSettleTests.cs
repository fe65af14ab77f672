using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Engine.Pipeline;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>The paper venue's books take a depth message after the decision on it when the exchange reads no book, and
/// every read of a book sees the message applied (PaperVenue.Settle).</summary>
public sealed class PaperVenueSettleTests
{
    private const long Ms = 1_000_000;

    private sealed class Sink(List<ExecutionReport> reports) : IExecutionReportSink
    {
        public void OnExecutionReport(in ExecutionReport report) => reports.Add(report);
    }

    private static MarketEvent[] Message(MarketEventKind kind, int symbol, long first, long final, long t, params (Side Side, long Price, long Qty)[] levels)
    {
        var events = new MarketEvent[levels.Length];
        for (int i = 0; i < levels.Length; i++)
        {
            events[i] = new MarketEvent
            {
                Kind = kind, SymbolId = symbol, FirstUpdateId = first, UpdateId = final, ExchangeTimeNs = t, LocalTimeNs = t,
                Side = levels[i].Side, Price = levels[i].Price, Quantity = levels[i].Qty,
            };
        }
        if (kind == MarketEventKind.SnapshotLevel) events[0].Flags |= MarketEventFlags.SnapshotStart;
        events[^1].Flags |= MarketEventFlags.LastInMessage;
        return events;
    }

    private static (PaperVenue Venue, int Symbol, List<ExecutionReport> Reports) SyncedVenue()
    {
        var registry = new SymbolRegistry();
        int id = registry.Register("BTCUSDT", "binance-spot", 2, 5).Id;
        var reports = new List<ExecutionReport>();
        var options = new PaperExchangeOptions { EntryLatency = LatencyModel.Constant(5 * Ms), ResponseLatency = LatencyModel.Constant(0) };
        var venue = (PaperVenue)new PaperVenueFactory(options, new BookSyncOptions()).Create(registry, new Sink(reports));
        foreach (var e in Message(MarketEventKind.SnapshotLevel, id, 0, 100, 1_000 * Ms,
                     (Side.Bid, 10_000, 5), (Side.Bid, 9_990, 7), (Side.Ask, 10_010, 4), (Side.Ask, 10_020, 9)))
            venue.OnMarketEvent(in e);
        Assert.Equal(BookSyncState.Synced, venue.Books.GetState(id));
        return (venue, id, reports);
    }

    [Fact]
    public void An_idle_venue_holds_a_depth_message_back_until_the_decision_is_taken()
    {
        var (venue, id, _) = SyncedVenue();
        using var _1 = venue;
        var message = Message(MarketEventKind.BookDelta, id, 101, 102, 1_100 * Ms, (Side.Bid, 10_005, 3), (Side.Ask, 10_010, 0), (Side.Ask, 10_015, 6));

        venue.OnMarketEvents(message);

        Assert.Equal(message.Length, venue.DeferredLevels);           // nothing reads a book: the levels wait
        Assert.Equal(1_100 * Ms, venue.Exchange.NowNs);                // but the exchange's clock moved on at once
        venue.Settle();
        Assert.Equal(0, venue.DeferredLevels);
        Assert.True(venue.TryGetTouch(id, out long bid, out long bidLots, out long ask, out long askLots));
        Assert.Equal((10_005, 3, 10_015, 6), (bid, bidLots, ask, askLots));
    }

    [Fact]
    public void Every_read_of_a_book_sees_the_held_back_levels()
    {
        var (venue, id, _) = SyncedVenue();
        using var _1 = venue;

        venue.OnMarketEvents(Message(MarketEventKind.BookDelta, id, 101, 102, 1_100 * Ms, (Side.Bid, 10_005, 3), (Side.Ask, 10_010, 0)));
        Assert.True(venue.TryGetTouch(id, out long bid, out _, out long ask, out _)); // a touch read settles first
        Assert.Equal((10_005, 10_020), (bid, ask));

        venue.OnMarketEvents(Message(MarketEventKind.BookDelta, id, 103, 103, 1_200 * Ms, (Side.Bid, 10_006, 2)));
        Assert.Equal(1, venue.DeferredLevels);
        Assert.Equal(10_006, venue.Books.GetBook(id)!.TryGetTop(out var top) ? top.BidPrice : 0); // so does the books' getter

        venue.OnMarketEvents(Message(MarketEventKind.BookDelta, id, 104, 104, 1_300 * Ms, (Side.Bid, 10_007, 2)));
        var next = Message(MarketEventKind.BookDelta, id, 105, 105, 1_400 * Ms, (Side.Bid, 10_008, 1));
        venue.OnMarketEvent(in next[0]); // and so does the next event, before its own level
        Assert.Equal(0, venue.DeferredLevels);
        Assert.True(venue.TryGetTouch(id, out bid, out _, out _, out _));
        Assert.Equal(10_008, bid);
    }

    [Fact]
    public void A_venue_with_an_order_travelling_applies_the_message_at_once_and_fills_against_it()
    {
        var (venue, id, reports) = SyncedVenue();
        using var _1 = venue;
        venue.Submit(new OrderRequest
        {
            ClientOrderId = new ClientOrderId(1), SymbolId = id, Side = OrderSide.Buy, Type = OrderType.Market, QuantityLots = 6, TimeNs = 1_000 * Ms,
        });
        Assert.True(venue.Exchange.ReadsBook);

        // The order arrives at 1,005 ms: the message at 1,010 ms is the book it meets (the ask at 10,010 gone, 10,015 x 6 new).
        venue.OnMarketEvents(Message(MarketEventKind.BookDelta, id, 101, 102, 1_010 * Ms, (Side.Ask, 10_010, 0), (Side.Ask, 10_015, 6)));
        venue.FlushReports();

        Assert.Equal(0, venue.DeferredLevels);
        var fills = reports.Where(r => r.LastQuantityLots > 0).ToList();
        Assert.Equal(6, fills.Sum(r => r.LastQuantityLots));
        Assert.All(fills, r => Assert.Equal(10_015, r.LastPriceTicks));
    }
}
