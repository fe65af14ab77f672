using System.Runtime.CompilerServices;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Native;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The simulated venue of replay and paper trading: the <see cref="PaperExchange"/> plus the exchange's own view of
/// the books, kept by a second <see cref="BookSynchronizer"/> fed the same events (the exchange must not read the
/// feature stage's book, which runs ahead on another thread). Every event reaches the books first, then the paper
/// exchange with the symbol's book when it is synced (null otherwise, and for symbols registered after the venue was
/// built). Deterministic and allocation-free per event after a symbol's first.
/// </summary>
internal sealed class PaperVenue : ISimulatedGateway, ITouchSource, IDisposable
{
    private readonly BookSynchronizer _books;
    private readonly int _symbolCount;

    /// <summary>A venue for symbol ids below <paramref name="symbolCount"/>, owning <paramref name="books"/>.</summary>
    public PaperVenue(PaperExchange exchange, BookSynchronizer books, int symbolCount)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        ArgumentNullException.ThrowIfNull(books);
        Exchange = exchange;
        _books = books;
        _symbolCount = symbolCount;
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
        if ((uint)e.SymbolId < (uint)_symbolCount && e.Kind != MarketEventKind.Status
            && _books.GetState(e.SymbolId) == BookSyncState.Synced)
            book = _books.GetBook(e.SymbolId);
        Exchange.OnMarketEvent(in e, book);
    }

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
        if ((uint)symbolId < (uint)_symbolCount && _books.GetState(symbolId) == BookSyncState.Synced)
            book = _books.GetBook(symbolId);
        foreach (ref readonly var e in message) Exchange.OnMarketEvent(in e, e.SymbolId == symbolId ? book : null);
    }

    /// <inheritdoc />
    public bool TryGetTouch(int symbolId, out long bidTicks, out long bidLots, out long askTicks, out long askLots)
    {
        bidTicks = bidLots = askTicks = askLots = 0;
        if ((uint)symbolId >= (uint)_symbolCount || _books.GetState(symbolId) != BookSyncState.Synced
            || _books.GetBook(symbolId) is not { } book || !book.TryGetTop(out var top)) return false;
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
    public void Dispose() => _books.Dispose();
}
