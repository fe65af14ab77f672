using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Quoting;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Quoting;

/// <summary>
/// The quote-management tests' desk: hand-built event sequences through the real desk and the real PaperExchange (1 ms
/// entry and response latency) over a BTCUSDT book of one bid and one ask level. A post-only buy of 500 lots joins the
/// bid at 9999.00 (everything visible there ahead of it) at <see cref="T0"/>.
/// </summary>
internal sealed class QuoteRig : IDisposable
{
    public const long T0 = 1_000_000_000_000;
    public const long Bid = 999_900, Ask = 1_000_000;

    public readonly NativeOrderBook Book;
    public readonly TradingDesk Desk;
    private readonly HandBookVenue _venue;

    /// <param name="quotes">The quote manager's settings.</param>
    /// <param name="risk">Risk's (default: post-only entries).</param>
    /// <param name="bid">The bid level's price; <paramref name="bidLots"/> and <paramref name="askLots"/> the levels' sizes.</param>
    /// <param name="tickSize">The symbol's exchange tick in price units; <paramref name="lotSize"/> its lot.</param>
    /// <param name="withSymbols">Whether the venue knows the symbols (then it refuses orders off their grid).</param>
    public QuoteRig(QuoteOptions quotes, RiskOptions? risk = null, long bid = Bid, long bidLots = 1_000_000, long askLots = 1_000_000,
        long tickSize = 1, long lotSize = 1, bool withSymbols = false)
    {
        Book = Book((Side.Bid, bid, bidLots), (Side.Ask, Ask, askLots));
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5, tickSize: tickSize, lotSize: lotSize);
        var options = new TradingDeskOptions
        {
            InitialEquity = 1000, Quotes = quotes,
            Risk = risk ?? new RiskOptions { EntryOrderType = OrderType.PostOnly },
        };
        _venue = new HandBookVenue(Book, withSymbols: withSymbols);
        Desk = new TradingDesk(symbols, options, _venue);
    }

    /// <summary>The paper exchange behind the desk.</summary>
    public PaperExchange Exchange => _venue.Exchange!;

    public void Feed(MarketEvent e) => Desk.OnMarketEvent(in e);

    public void Tick(long t) => Feed(Level(t, Side.Bid, 999_000, 1 + t % 1000)); // a far level: only the clock moves

    public RiskVerdict Decide(SignalDirection d, long t) => Decide(d, t, out _);

    public RiskVerdict Decide(SignalDirection d, long t, out OrderRequest order)
    {
        Assert.True(Book.TryGetTop(out var top));
        var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = top.BidPrice, AskTicks = top.AskPrice, LastEventTimeNs = t };
        var signal = new Signal { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };
        return Desk.Decide(in signal, in view, t, out order);
    }

    // The post-only entry is accepted at T0, reaches the book at T0+5ms and is acknowledged at T0+10ms.
    public void RestEntry()
    {
        Tick(T0);
        Assert.Equal(RiskVerdict.Accept, Decide(SignalDirection.Long, T0));
        Tick(T0 + 5 * Ms);
        Tick(T0 + 10 * Ms);
        Assert.Equal((OrderStatus.New, Bid), (Only().Status, Only().Request.PriceTicks));
    }

    // Fills the resting buy completely: a sell trades through its price.
    public void FillEntry(long t)
    {
        Feed(Trade(t, Bid - 100, 1000, Side.Ask));
        Tick(t + 5 * Ms);
        Assert.Equal(500L, Desk.Ledger.Position(0).PositionLots);
    }

    public TrackedOrder Only()
    {
        Span<ClientOrderId> ids = stackalloc ClientOrderId[8];
        Assert.Equal(1, Desk.Orders.CopyOpenOrders(0, ids));
        Assert.True(Desk.Orders.TryGet(ids[0], out var o));
        return o;
    }

    public void Dispose()
    {
        Desk.Dispose();
        Book.Dispose();
    }
}
