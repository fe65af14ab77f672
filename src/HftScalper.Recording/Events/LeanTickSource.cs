using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Events;

/// <summary>
/// Replays QuantConnect Lean equity tick zips (<c>YYYYMMDD_quote.zip</c> + <c>YYYYMMDD_trade.zip</c>, several days
/// in date order) as one time-ordered stream of TopOfBook and Trade events of a <c>generic</c>-venue symbol
/// (prices in 1/10000 USD: 4 price decimals, on the $0.01 tick of <see cref="UsEquityTick"/>; whole shares).
/// </summary>
/// <remarks>
/// Each quote row carries one venue's one side; the NBBO is rebuilt from every venue's own top of book
/// (<see cref="NbboBook"/>: a venue's newer quote replaces its older one, a quote another venue's newer quote locks
/// or crosses is stale and dropped). Keeping the last non-zero bid and ask of any venue instead mixed venues (IBM
/// 2013-10-07..09: spreads of 1-8 cents, mode 4). States still missing a side, or locked or crossed, are skipped, as
/// are rows flagged suspicious; all are counted.
/// Quotes and trades are merged by time, a quote first on a tie (the book a trade printed against).
/// </remarks>
internal sealed class LeanTickSource : ICountedEventSource, IInputDamageSource
{
    /// <summary>Price decimals of Lean equity files.</summary>
    public const int PriceDecimals = UsEquityTick.PriceDecimals;

    private readonly List<(DateOnly Day, string? Quote, string? Trade)> _days;
    private readonly Range[] _fields = new Range[CsvRow.MaxFields];
    private readonly SymbolInfo _symbol;
    private int _nextDay;
    private long _midnightNs;
    private LineReader? _quotes, _trades;
    private MarketEvent _quote, _trade;
    private bool _hasQuote, _hasTrade;
    private readonly NbboBook _nbbo = new();
    private readonly TradeSideClassifier _sides = new();
    private long _bid, _bidSize, _ask, _askSize, _lastBid, _lastBidSize, _lastAsk, _lastAskSize, _tradeCount;

    /// <summary>Opens the given quote and trade zips; the symbol comes from the zip entry (<c>20131007_ibm_Quote_Tick.csv</c>) unless given.</summary>
    public LeanTickSource(IEnumerable<string> paths, SymbolRegistry symbols, string? symbol = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(symbols);
        var byDay = new SortedDictionary<DateOnly, (string? Quote, string? Trade)>();
        foreach (var p in paths)
        {
            string name = Path.GetFileName(p);
            if (!File.Exists(p)) throw new FileNotFoundException($"Lean tick file not found: {p}", p);
            if (!TimeConvert.TryDateFromName(name, out var day)) throw new InvalidDataException($"{p}: no YYYYMMDD date in the name");
            byDay.TryGetValue(day, out var pair);
            if (IsQuoteName(name)) pair.Quote = p;
            else if (IsTradeName(name)) pair.Trade = p;
            else throw new InvalidDataException($"{p}: expected YYYYMMDD_quote.zip or YYYYMMDD_trade.zip");
            byDay[day] = pair;
        }
        if (byDay.Count == 0) throw new ArgumentException("no Lean tick files given", nameof(paths));
        _days = byDay.Select(kv => (kv.Key, kv.Value.Quote, kv.Value.Trade)).ToList();
        symbol ??= SymbolFromEntry(_days[0].Quote ?? _days[0].Trade!) ?? throw new InvalidDataException("cannot tell the Lean symbol; pass it");
        _symbol = symbols.Register(symbol, "generic", PriceDecimals, 0, tickSize: UsEquityTick.TickSize);
        Description = $"lean ticks {_symbol.Name} {_days[0].Day:yyyy-MM-dd}..{_days[^1].Day:yyyy-MM-dd} ({byDay.Count} days)";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool QuoteIsMarketState => true;

    /// <inheritdoc />
    public EventSourceStats Stats { get; } = new();

    /// <summary>Venue quotes dropped as stale: a newer quote of another venue locked or crossed them.</summary>
    public long StaleVenueQuotes => _nbbo.StaleDropped;

    /// <summary>The symbol the events carry.</summary>
    public SymbolInfo Symbol => _symbol;

    /// <summary>How trades got their aggressor side (Lean prints none): by the quote rule, by the tick test, or not at all.</summary>
    public TradeSideClassifier TradeSides => _sides;

    /// <summary>True for a Lean quote zip name (<c>YYYYMMDD_quote.zip</c>).</summary>
    public static bool IsQuoteName(string fileName) => fileName.EndsWith("_quote.zip", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for a Lean trade zip name (<c>YYYYMMDD_trade.zip</c>).</summary>
    public static bool IsTradeName(string fileName) => fileName.EndsWith("_trade.zip", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        while (true)
        {
            if (!_hasQuote && _quotes is not null) _hasQuote = NextQuote();
            if (!_hasTrade && _trades is not null) _hasTrade = NextTrade();
            if (_hasQuote && (!_hasTrade || _quote.ExchangeTimeNs <= _trade.ExchangeTimeNs))
            {
                ev = _quote;
                _hasQuote = false;
                _sides.OnQuote(ev.Price, ev.AskPrice); // the quote later trades print against (quotes are read ahead)
                Stats.Events++;
                return true;
            }
            if (_hasTrade)
            {
                ev = _trade;
                _hasTrade = false;
                // Signed on emission, not on reading: the next quote may already have been read ahead.
                ev.Side = _sides.Classify(ev.Price);
                if (ev.Side == Side.Ask) ev.Flags |= MarketEventFlags.BuyerIsMaker;
                Stats.Events++;
                return true;
            }
            if (!OpenNextDay())
            {
                ev = default;
                return false;
            }
        }
    }

    private bool NextQuote()
    {
        while (_quotes!.TryReadLine(out var line))
        {
            if (line.IsEmpty) continue;
            Stats.Rows++;
            var r = new CsvRow(line, _fields);
            if (r.Count < 5 || !r.TryLong(0, out long ms) || !r.TryLong(1, out long bid) || !r.TryLong(2, out long bidSize) ||
                !r.TryLong(3, out long ask) || !r.TryLong(4, out long askSize)) { Bad(_quotes); continue; }
            if (r.Count >= 8 && r[7].SequenceEqual("1"u8)) { Stats.Suspicious++; continue; }
            _nbbo.Apply(r.Count >= 6 && r[5].Length > 0 ? r[5][0] : 0, bid, bidSize, ask, askSize);
            (_bid, _bidSize, _ask, _askSize) = _nbbo.Best();
            if (_bid <= 0 || _ask <= 0 || _bid >= _ask) { Stats.LockedOrCrossed++; continue; }
            if (_bid == _lastBid && _ask == _lastAsk && _bidSize == _lastBidSize && _askSize == _lastAskSize) { Stats.Unchanged++; continue; }
            (_lastBid, _lastBidSize, _lastAsk, _lastAskSize) = (_bid, _bidSize, _ask, _askSize);
            _quote = default;
            _quote.Kind = MarketEventKind.TopOfBook;
            _quote.ExchangeTimeNs = _quote.LocalTimeNs = _midnightNs + ms * 1_000_000;
            _quote.Price = _bid;
            _quote.Quantity = _bidSize;
            _quote.AskPrice = _ask;
            _quote.AskQuantity = _askSize;
            _quote.SymbolId = _symbol.Id;
            _quote.Flags = MarketEventFlags.Replayed;
            return true;
        }
        return false;
    }

    private bool NextTrade()
    {
        while (_trades!.TryReadLine(out var line))
        {
            if (line.IsEmpty) continue;
            Stats.Rows++;
            var r = new CsvRow(line, _fields);
            if (r.Count < 3 || !r.TryLong(0, out long ms) || !r.TryLong(1, out long px) || !r.TryLong(2, out long size) || px <= 0)
            { Bad(_trades); continue; }
            if (r.Count >= 6 && r[5].SequenceEqual("1"u8)) { Stats.Suspicious++; continue; }
            _trade = default;
            _trade.Kind = MarketEventKind.Trade;
            _trade.ExchangeTimeNs = _trade.LocalTimeNs = _midnightNs + ms * 1_000_000;
            _trade.Price = px;
            _trade.Quantity = size;
            _trade.UpdateId = _trade.FirstUpdateId = ++_tradeCount;
            _trade.SymbolId = _symbol.Id;
            _trade.Flags = MarketEventFlags.Replayed;
            return true;
        }
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Bad(LineReader from)
    {
        if (Stats.FirstProblem is null) Stats.Bad($"{Description}: line {from.LineNumber} is not a valid row");
        else Stats.BadRows++;
    }

    private bool OpenNextDay()
    {
        CloseDay();
        if (_nextDay >= _days.Count) return false;
        var (day, quote, trade) = _days[_nextDay++];
        _midnightNs = TimeConvert.EasternMidnightNs(day);
        _quotes = OpenFile(quote);
        _trades = OpenFile(trade);
        // The NBBO does not carry over midnight: each day starts from an empty book.
        _bid = _bidSize = _ask = _askSize = _lastBid = _lastBidSize = _lastAsk = _lastAskSize = 0;
        _nbbo.Clear();
        _sides.Reset();
        return true;
    }

    // A file of a later day that cannot be opened (an unreadable zip) is counted as a corrupt file and read as empty:
    // TryRead never throws, and the other file of the day is still read.
    private LineReader? OpenFile(string? path)
    {
        if (path is null) return null;
        try
        {
            return new LineReader(TextFile.Open(path, Stats.Compressed));
        }
        catch (InvalidDataException e)
        {
            Stats.Compressed.CorruptFiles++;
            Stats.Compressed.Problem(e.Message);
            return null;
        }
    }

    private void CloseDay()
    {
        _quotes?.Dispose();
        _trades?.Dispose();
        _quotes = _trades = null;
    }

    private static string? SymbolFromEntry(string zipPath)
    {
        var entry = TextFile.FirstZipEntryName(zipPath);
        var parts = entry?.Split('_');
        return parts is { Length: >= 2 } && parts[1].Length > 0 ? parts[1].ToUpperInvariant() : null;
    }

    /// <inheritdoc />
    public void Dispose() => CloseDay();

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => Stats.AddDamageTo(total);
}
