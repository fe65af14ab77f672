using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Events;

/// <summary>
/// Replays a LOBSTER message + orderbook file pair (<c>AAPL_2012-06-21_34200000_57600000_message_10.csv</c> and
/// its <c>_orderbook_10.csv</c>, read in lockstep) as Trade events for executions (types 4 and 5) and TopOfBook
/// events whenever level 1 changes. Prices are dollars x 10000 (4 decimals), sizes whole shares; times are
/// seconds after midnight US/Eastern of the date in the file name.
/// </summary>
/// <remarks>
/// A LOBSTER message's direction is the side of the resting order, so an executed buy order (1) means a seller
/// hit it: the aggressor side is Ask. Empty levels (LOBSTER's dummy prices) and locked or crossed states are skipped
/// and counted.
/// </remarks>
internal sealed class LobsterSource : ICountedEventSource, IInputDamageSource
{
    /// <summary>Price decimals of LOBSTER files.</summary>
    public const int PriceDecimals = UsEquityTick.PriceDecimals;

    private const long DummyAsk = 9_999_999_999L;

    private readonly LineReader _messages, _book;
    private readonly Range[] _msgFields = new Range[CsvRow.MaxFields];
    private readonly Range[] _bookFields = new Range[CsvRow.MaxFields];
    private readonly SymbolInfo _symbol;
    private readonly long _midnightNs;
    private MarketEvent _pendingQuote;
    private bool _hasPendingQuote;
    private long _lastBid, _lastBidSize, _lastAsk, _lastAskSize;

    /// <summary>Opens a message file and its orderbook file (found by name when not given).</summary>
    public LobsterSource(string messagePath, SymbolRegistry symbols, string? orderbookPath = null, string? symbol = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        string name = Path.GetFileName(messagePath);
        orderbookPath ??= OrderbookPathFor(messagePath) ?? throw new InvalidDataException($"{messagePath}: not a LOBSTER _message_ file name");
        if (!File.Exists(messagePath)) throw new FileNotFoundException($"LOBSTER message file not found: {messagePath}", messagePath);
        if (!File.Exists(orderbookPath)) throw new FileNotFoundException($"LOBSTER orderbook file not found: {orderbookPath}", orderbookPath);
        if (!TimeConvert.TryDateFromName(name, out var day)) throw new InvalidDataException($"{messagePath}: no YYYY-MM-DD date in the name");
        symbol ??= name.Split('_')[0];
        _symbol = symbols.Register(symbol, "generic", PriceDecimals, 0, tickSize: UsEquityTick.TickSize); // US equity: $0.01
        _midnightNs = TimeConvert.EasternMidnightNs(day);
        _messages = new LineReader(TextFile.Open(messagePath, Stats.Compressed));
        _book = new LineReader(TextFile.Open(orderbookPath, Stats.Compressed));
        Description = $"lobster {messagePath}";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    /// <remarks>LOBSTER's level-1 orderbook file gives the top of book and nothing deeper: its quote is the market
    /// state, as for Lean ticks.</remarks>
    public bool QuoteIsMarketState => true;

    /// <inheritdoc />
    public EventSourceStats Stats { get; } = new();

    /// <summary>The symbol the events carry.</summary>
    public SymbolInfo Symbol => _symbol;

    /// <summary>The orderbook file paired with a message file, or null when the name is not LOBSTER's.</summary>
    public static string? OrderbookPathFor(string messagePath)
    {
        string name = Path.GetFileName(messagePath);
        int at = name.LastIndexOf("_message_", StringComparison.Ordinal);
        return at < 0 ? null : Path.Combine(Path.GetDirectoryName(messagePath) ?? "", name[..at] + "_orderbook_" + name[(at + 9)..]);
    }

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        if (_hasPendingQuote)
        {
            _hasPendingQuote = false;
            ev = _pendingQuote;
            Stats.Events++;
            return true;
        }
        while (_messages.TryReadLine(out var msgLine))
        {
            if (!_book.TryReadLine(out var bookLine))
            {
                Bad("orderbook file ends before the message file");
                break;
            }
            Stats.Rows++;
            var m = new CsvRow(msgLine, _msgFields);
            var b = new CsvRow(bookLine, _bookFields);
            if (m.Count < 6 || !m.TryFixed(0, 9, out long sinceMidnightNs) || !m.TryLong(1, out long type) ||
                !m.TryLong(3, out long size) || !m.TryLong(4, out long price) || !m.TryLong(5, out long direction) ||
                b.Count < 4 || !b.TryLong(0, out long ask) || !b.TryLong(1, out long askSize) ||
                !b.TryLong(2, out long bid) || !b.TryLong(3, out long bidSize))
            {
                Bad("bad row");
                continue;
            }
            long t = _midnightNs + sinceMidnightNs;
            bool quote = TryQuote(t, bid, bidSize, ask, askSize, out _pendingQuote);
            if (type is 4 or 5)
            {
                ev = default;
                ev.Kind = MarketEventKind.Trade;
                ev.ExchangeTimeNs = ev.LocalTimeNs = t;
                ev.Price = price;
                ev.Quantity = size;
                ev.UpdateId = ev.FirstUpdateId = Stats.Rows;
                ev.SymbolId = _symbol.Id;
                ev.Side = direction == 1 ? Side.Ask : Side.Bid;
                ev.Flags = MarketEventFlags.Replayed | (direction == 1 ? MarketEventFlags.BuyerIsMaker : 0);
                _hasPendingQuote = quote;
                Stats.Events++;
                return true;
            }
            if (type is 7) Stats.Ignored++;
            if (quote)
            {
                ev = _pendingQuote;
                Stats.Events++;
                return true;
            }
        }
        ev = default;
        return false;
    }

    private bool TryQuote(long t, long bid, long bidSize, long ask, long askSize, out MarketEvent q)
    {
        q = default;
        if (bid <= 0 || ask <= 0 || ask >= DummyAsk || bid >= ask) { Stats.LockedOrCrossed++; return false; }
        if (bid == _lastBid && ask == _lastAsk && bidSize == _lastBidSize && askSize == _lastAskSize) { Stats.Unchanged++; return false; }
        (_lastBid, _lastBidSize, _lastAsk, _lastAskSize) = (bid, bidSize, ask, askSize);
        q.Kind = MarketEventKind.TopOfBook;
        q.ExchangeTimeNs = q.LocalTimeNs = t;
        q.Price = bid;
        q.Quantity = bidSize;
        q.AskPrice = ask;
        q.AskQuantity = askSize;
        q.SymbolId = _symbol.Id;
        q.Flags = MarketEventFlags.Replayed;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Bad(string what)
    {
        if (Stats.FirstProblem is null) Stats.Bad($"{Description}: line {_messages.LineNumber}: {what}");
        else Stats.BadRows++;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _messages.Dispose();
        _book.Dispose();
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => Stats.AddDamageTo(total);
}
