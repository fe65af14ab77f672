using System.Runtime.CompilerServices;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Engine.Features;
using HftScalper.Native;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The simulated venue of replay and paper trading: the <see cref="PaperExchange"/> plus the exchange's own view of
/// the books, kept by a second <see cref="BookSynchronizer"/> fed the same events (the exchange must not read the
/// feature stage's book, which runs ahead on another thread). Every event reaches the books first, then the paper
/// exchange with the symbol's book when it is synced (null otherwise, and for symbols registered after the venue was
/// built). When the feed's quote is the market state (L1 event formats: no depth stream to sync), a symbol without a
/// synced book is matched against a one-level book holding its last valid quote (<see cref="DecisionInfo.IsValidQuote"/>)
/// with the quote's sizes, and against none (no liquidity) while its quote is invalid: an empty side is never crossed.
/// Deterministic and allocation-free per event after a symbol's first.
/// <para>Off the decision path: the exchange's books are the simulated venue's, which a live run does not keep (its
/// venue does), so a depth message that the exchange does not need a book for (<see cref="PaperExchange.ReadsBook"/>
/// false: no order rests or travels) is copied aside and applied after the decision on it (<see cref="Settle"/>), or
/// before anything reads a book first (the next event, a touch, <see cref="Books"/>): every read sees the same book as
/// when the levels are applied at once.</para>
/// </summary>
internal sealed class PaperVenue : ISimulatedGateway, ITouchSource, IDisposable
{
    private readonly BookSynchronizer _books;
    private readonly int _symbolCount;
    // Quote-only feeds: per symbol, a book holding the last quote (created at the symbol's first quote), and whether
    // that quote is valid. Null for depth feeds.
    private readonly NativeOrderBook?[]? _quotes;
    private readonly bool[]? _quoteValid;
    // The depth message the books have not taken yet (see Settle); a longer message is applied at once.
    private readonly MarketEvent[] _deferred = new MarketEvent[DeferredCapacity];
    private int _deferredCount;

    /// <summary>The longest depth message whose levels can wait for <see cref="Settle"/> (64 KB of events).</summary>
    internal const int DeferredCapacity = 1024;

    /// <summary>A venue for symbol ids below <paramref name="symbolCount"/>, owning <paramref name="books"/>; with
    /// <paramref name="quoteIsMarketState"/>, symbols without a synced book fill against their last valid quote.</summary>
    public PaperVenue(PaperExchange exchange, BookSynchronizer books, int symbolCount, bool quoteIsMarketState = false)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(books);
        Exchange = exchange;
        _books = books;
        _symbolCount = symbolCount;
        if (quoteIsMarketState)
        {
            _quotes = new NativeOrderBook?[Math.Max(symbolCount, 0)];
            _quoteValid = new bool[_quotes.Length];
        }
    }

    /// <summary>The matching engine.</summary>
    public PaperExchange Exchange { get; }

    /// <summary>The exchange-side books (with any deferred message applied).</summary>
    public BookSynchronizer Books
    {
        get
        {
            Settle();
            return _books;
        }
    }

    /// <summary>Levels held back from the books until <see cref="Settle"/> (0 when none).</summary>
    internal int DeferredLevels => _deferredCount;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMarketEvent(in MarketEvent e)
    {
        if (_deferredCount > 0) Settle();
        _books.OnEvent(in e);
        NativeOrderBook? book = null;
        if ((uint)e.SymbolId < (uint)_symbolCount && e.Kind != MarketEventKind.Status)
        {
            if (_books.GetState(e.SymbolId) == BookSyncState.Synced) book = _books.GetBook(e.SymbolId);
            else if (_quotes is not null)
            {
                if (e.Kind == MarketEventKind.TopOfBook) SetQuote(in e);
                book = QuoteBook(e.SymbolId);
            }
        }
        Exchange.OnMarketEvent(in e, book);
    }

    // The symbol's last quote as a one-level book: bid and ask at their sizes (a side without size stays empty).
    private void SetQuote(in MarketEvent e)
    {
        int id = e.SymbolId;
        _quoteValid![id] = DecisionInfo.IsValidQuote(e.Price, e.AskPrice);
        if (!_quoteValid[id]) return;
        var book = _quotes![id] ??= new NativeOrderBook(expectedLevelsPerSide: 4, maxLevelsPerSide: 4);
        book.Clear();
        book.TrySet(Side.Bid, e.Price, Math.Max(e.Quantity, 0));
        book.TrySet(Side.Ask, e.AskPrice, Math.Max(e.AskQuantity, 0));
    }

    // The book a quote-only symbol fills against: its last quote while valid, else none.
    private NativeOrderBook? QuoteBook(int symbolId) => _quoteValid![symbolId] ? _quotes![symbolId] : null;

    /// <summary>The events of one depth message: the books take it in one native call when it chains onto a synced
    /// book (<see cref="BookSynchronizer.OnEvents"/>), then the exchange sees each event in turn. Same result as
    /// <see cref="OnMarketEvent"/> for each: inside a message the exchange reads no book (it is not consistent until
    /// the last level), and at the last level the book is the same either way.</summary>
    public void OnMarketEvents(ReadOnlySpan<MarketEvent> message)
    {
        if (message.IsEmpty) return;
        if (_deferredCount > 0) Settle();
        if (!Exchange.ReadsBook && message.Length <= _deferred.Length)
        {
            Defer(message);
            return;
        }
        _books.OnEvents(message);
        int symbolId = message[^1].SymbolId;
        var book = BookFor(symbolId);
        foreach (ref readonly var e in message) Exchange.OnMarketEvent(in e, e.SymbolId == symbolId ? book : null);
    }

    // The exchange sees each event now (its clock, due reports) with no book, which it does not read while
    // ReadsBook is false; a report delivered here may send an order, and from then on it reads the book: the held-back
    // levels are applied first, and it sees the book after the whole message, as when the books take it at once.
    private void Defer(ReadOnlySpan<MarketEvent> message)
    {
        message.CopyTo(_deferred);
        _deferredCount = message.Length;
        int symbolId = message[^1].SymbolId;
        foreach (ref readonly var e in message)
            Exchange.OnMarketEvent(in e, Exchange.ReadsBook && e.SymbolId == symbolId ? SettledBook(symbolId) : null);
    }

    // The symbol's book for the exchange once the held-back levels are in.
    private NativeOrderBook? SettledBook(int symbolId)
    {
        Settle();
        return BookFor(symbolId);
    }

    // The book a symbol's orders meet: its synced book, else (quote-only feeds) its last valid quote, else none.
    private NativeOrderBook? BookFor(int symbolId) =>
        (uint)symbolId >= (uint)_symbolCount ? null
        : _books.GetState(symbolId) == BookSyncState.Synced ? _books.GetBook(symbolId)
        : _quotes is not null ? QuoteBook(symbolId) : null;

    /// <summary>Applies the levels of a depth message held back from the books (see the class remarks); nothing when
    /// none is. The pipeline calls it after the decision on the message; every read of a book calls it first.</summary>
    public void Settle()
    {
        if (_deferredCount == 0) return;
        int n = _deferredCount;
        _deferredCount = 0;
        _books.OnEvents(_deferred.AsSpan(0, n));
    }

    /// <inheritdoc />
    public bool TryGetTouch(int symbolId, out long bidTicks, out long bidLots, out long askTicks, out long askLots)
    {
        bidTicks = bidLots = askTicks = askLots = 0;
        if (_deferredCount > 0) Settle();
        var book = BookFor(symbolId);
        if (book is null || !book.TryGetTop(out var top)) return false;
        (bidTicks, bidLots, askTicks, askLots) = (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity);
        return bidTicks > 0 && askTicks > 0;
    }

    /// <inheritdoc />
    public void FlushReports()
    {
        Settle();
        Exchange.FlushReports();
    }

    /// <inheritdoc />
    public bool Submit(in OrderRequest request) => Exchange.Submit(in request);

    /// <inheritdoc />
    public bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => Exchange.Cancel(clientOrderId, symbolId, nowNs);

    /// <inheritdoc />
    public bool Replace(ClientOrderId original, in OrderRequest replacement) => Exchange.Replace(original, in replacement);

    /// <summary>Releases the exchange-side books.</summary>
    public void Dispose()
    {
        _books.Dispose();
        if (_quotes is null) return;
        foreach (var q in _quotes) q?.Dispose();
    }
}
