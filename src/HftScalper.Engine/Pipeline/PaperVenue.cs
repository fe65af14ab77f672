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
/// </summary>
internal sealed class PaperVenue : ISimulatedGateway, ITouchSource, IDisposable
{
    private readonly BookSynchronizer _books;
    private readonly int _symbolCount;
    // Quote-only feeds: per symbol, a book holding the last quote (created at the symbol's first quote), and whether
    // that quote is valid. Null for depth feeds.
    private readonly NativeOrderBook?[]? _quotes;
    private readonly bool[]? _quoteValid;

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

    /// <summary>The exchange-side books.</summary>
    public BookSynchronizer Books => _books;

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnMarketEvent(in MarketEvent e)
    {
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
        _books.OnEvents(message);
        int symbolId = message[^1].SymbolId;
        NativeOrderBook? book = null;
        if ((uint)symbolId < (uint)_symbolCount)
        {
            if (_books.GetState(symbolId) == BookSyncState.Synced) book = _books.GetBook(symbolId);
            else if (_quotes is not null) book = QuoteBook(symbolId);
        }
        foreach (ref readonly var e in message) Exchange.OnMarketEvent(in e, e.SymbolId == symbolId ? book : null);
    }

    /// <inheritdoc />
    public bool TryGetTouch(int symbolId, out long bidTicks, out long bidLots, out long askTicks, out long askLots)
    {
        bidTicks = bidLots = askTicks = askLots = 0;
        if ((uint)symbolId >= (uint)_symbolCount) return false;
        var book = _books.GetState(symbolId) == BookSyncState.Synced ? _books.GetBook(symbolId)
            : _quotes is not null ? QuoteBook(symbolId) : null;
        if (book is null || !book.TryGetTop(out var top)) return false;
        (bidTicks, bidLots, askTicks, askLots) = (top.BidPrice, top.BidQuantity, top.AskPrice, top.AskQuantity);
        return bidTicks > 0 && askTicks > 0;
    }

    /// <inheritdoc />
    public void FlushReports() => Exchange.FlushReports();

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
