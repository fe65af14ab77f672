using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events.Csv;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Events;

/// <summary>
/// Replays a Binance public-data CSV (data.binance.vision <c>bookTicker</c>, <c>aggTrades</c> or <c>trades</c>;
/// plain, gzip or zip; with or without header row) as TopOfBook or Trade events. The symbol comes from the file
/// name (<c>BTCUSDT-aggTrades-2024-01-01.csv</c>) unless given, and is registered with venue <c>generic</c> at
/// 10^-8 scales unless the registry already knows it or, given the run's venue, <see cref="KnownSymbols"/> does.
/// </summary>
internal sealed class BinanceCsvSource : ICountedEventSource, IInputDamageSource
{
    private readonly LineReader _lines;
    private readonly BinanceCsvKind _kind;
    private readonly SymbolInfo _symbol;
    private readonly Range[] _fields = new Range[CsvRow.MaxFields];
    private long _lastId = -1;

    /// <summary>Opens <paramref name="path"/>; kind and symbol are detected when not given. With <paramref name="venue"/>
    /// (the run's, e.g. <c>binance-usdm</c>) a symbol <see cref="KnownSymbols"/> knows registers with its exchange scales
    /// under that venue, as the frame parser registers it.</summary>
    /// <exception cref="InvalidDataException">The kind or symbol cannot be told from the name or first line.</exception>
    public BinanceCsvSource(string path, SymbolRegistry symbols, BinanceCsvKind? kind = null, string? symbol = null, string? venue = null)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        string name = Path.GetFileName(path);
        _kind = kind ?? DetectKind(name, FirstLine(path)) ?? throw new InvalidDataException($"{path}: not a Binance bookTicker/aggTrades/trades CSV");
        symbol ??= SymbolFromName(name) ?? throw new InvalidDataException($"{path}: cannot tell the symbol from the file name; pass it");
        // 10^-8 scales make quote amounts (ticks x lots) too fine for integer account units: the paper desk would stay off.
        _symbol = symbols.TryGet(symbol, out var known) ? known! :
            venue is not null && KnownSymbols.TryGet(venue, symbol, out _) ? KnownSymbols.Register(symbols, venue, symbol) :
            symbols.Register(symbol, "generic", SymbolRegistry.DefaultDecimals, SymbolRegistry.DefaultDecimals, quoteAsset: QuoteAssets.Infer(symbol));
        _lines = new LineReader(TextFile.Open(path, Stats.Compressed));
        Description = $"binance {_kind} csv {path}";
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool QuoteIsMarketState => true;

    /// <inheritdoc />
    public EventSourceStats Stats { get; } = new();

    /// <summary>The file's kind.</summary>
    public BinanceCsvKind Kind => _kind;

    /// <summary>The symbol the events carry.</summary>
    public SymbolInfo Symbol => _symbol;

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        ev = default;
        while (_lines.TryReadLine(out var line))
        {
            if (line.IsEmpty || (_lines.LineNumber == 1 && CsvRow.IsHeader(line))) continue;
            Stats.Rows++;
            var row = new CsvRow(line, _fields);
            bool ok = _kind switch
            {
                BinanceCsvKind.BookTicker => ParseBookTicker(ref row, ref ev),
                BinanceCsvKind.AggTrades => ParseTrade(ref row, ref ev, priceAt: 1, qtyAt: 2, timeAt: 5, makerAt: 6, firstIdAt: 3),
                _ => ParseTrade(ref row, ref ev, priceAt: 1, qtyAt: 2, timeAt: 4, makerAt: 5, firstIdAt: 0),
            };
            if (ok)
            {
                // One file, one symbol, one id space: an id not above the last one is a duplicated line.
                if (ev.UpdateId <= _lastId)
                {
                    Stats.Duplicates++;
                    continue;
                }
                _lastId = ev.UpdateId;
                Stats.Events++;
                return true;
            }
            BadRow();
        }
        return false;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void BadRow()
    {
        if (Stats.FirstProblem is null) Stats.Bad($"line {_lines.LineNumber}: not a valid {_kind} row");
        else Stats.BadRows++;
    }

    private bool ParseBookTicker(ref CsvRow r, ref MarketEvent ev)
    {
        int pd = _symbol.PriceDecimals, qd = _symbol.QuantityDecimals;
        if (r.Count < 7 || !r.TryLong(0, out long id) || !r.TryFixed(1, pd, out long bid) || !r.TryFixed(2, qd, out long bidQty) ||
            !r.TryFixed(3, pd, out long ask) || !r.TryFixed(4, qd, out long askQty) ||
            !r.TryLong(5, out long txTime) || !r.TryLong(6, out long eventTime) ||
            !TimeConvert.TryEpochToNs(txTime, out long exchangeNs) || !TimeConvert.TryEpochToNs(eventTime, out long localNs)) return false;
        ev.Kind = MarketEventKind.TopOfBook;
        ev.Price = bid;
        ev.Quantity = bidQty;
        ev.AskPrice = ask;
        ev.AskQuantity = askQty;
        ev.UpdateId = id;
        ev.ExchangeTimeNs = exchangeNs;
        ev.LocalTimeNs = localNs;
        ev.SymbolId = _symbol.Id;
        ev.Flags = MarketEventFlags.Replayed;
        return true;
    }

    private bool ParseTrade(ref CsvRow r, ref MarketEvent ev, int priceAt, int qtyAt, int timeAt, int makerAt, int firstIdAt)
    {
        if (r.Count <= makerAt || !r.TryLong(0, out long id) || !r.TryFixed(priceAt, _symbol.PriceDecimals, out long px) ||
            !r.TryFixed(qtyAt, _symbol.QuantityDecimals, out long qty) || !r.TryLong(timeAt, out long time) ||
            !r.TryBool(makerAt, out bool buyerIsMaker) || !r.TryLong(firstIdAt, out long firstId) || !TimeConvert.TryEpochToNs(time, out long timeNs)) return false;
        ev.Kind = MarketEventKind.Trade;
        ev.Price = px;
        ev.Quantity = qty;
        ev.UpdateId = id;
        ev.FirstUpdateId = firstId;
        ev.ExchangeTimeNs = ev.LocalTimeNs = timeNs;
        ev.SymbolId = _symbol.Id;
        // The buyer being the maker means the aggressor sold.
        ev.Side = buyerIsMaker ? Side.Ask : Side.Bid;
        ev.Flags = MarketEventFlags.Replayed | (buyerIsMaker ? MarketEventFlags.BuyerIsMaker : 0);
        return true;
    }

    /// <summary>Tells the kind from the file name, else the header, else the shape of the first row; null when none fits.</summary>
    public static BinanceCsvKind? DetectKind(string fileName, string? firstLine)
    {
        if (fileName.Contains("-bookTicker", StringComparison.OrdinalIgnoreCase)) return BinanceCsvKind.BookTicker;
        if (fileName.Contains("-aggTrades", StringComparison.OrdinalIgnoreCase)) return BinanceCsvKind.AggTrades;
        if (fileName.Contains("-trades", StringComparison.OrdinalIgnoreCase)) return BinanceCsvKind.Trades;
        if (string.IsNullOrEmpty(firstLine)) return null;
        if (firstLine.StartsWith("update_id,", StringComparison.Ordinal)) return BinanceCsvKind.BookTicker;
        if (firstLine.StartsWith("agg_trade_id,", StringComparison.Ordinal)) return BinanceCsvKind.AggTrades;
        if (firstLine.StartsWith("id,price,qty", StringComparison.Ordinal)) return BinanceCsvKind.Trades;
        var cols = firstLine.Split(',');
        bool Bool(int i) => i < cols.Length && cols[i] is "true" or "false" or "True" or "False";
        if (!char.IsAsciiDigit(firstLine[0])) return null;
        if ((cols.Length == 7 || cols.Length == 6) && Bool(5)) return BinanceCsvKind.Trades;
        if ((cols.Length == 8 || cols.Length == 7) && Bool(6)) return BinanceCsvKind.AggTrades;
        if (cols.Length == 7) return BinanceCsvKind.BookTicker;
        return null;
    }

    /// <summary>
    /// Why a data.binance.vision file of a kind that cannot drive the book is refused (bookDepth: percentage-depth
    /// snapshots; klines: candles), told from its name (<c>BTCUSDT-bookDepth-...</c>, <c>BTCUSDT-1m-...</c>) or header;
    /// null for any other file.
    /// </summary>
    public static string? NotReplayable(string fileName, string? firstLine)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        const string Use = "replay and train read bookTicker, aggTrades or trades files";
        if (fileName.Contains("-bookDepth", StringComparison.OrdinalIgnoreCase) || firstLine?.StartsWith("timestamp,percentage", StringComparison.Ordinal) == true)
            return $"a Binance bookDepth file holds percentage-depth snapshots (quantity within +-1..5 % of the price, every ~30 s), not book updates or trades: it cannot drive the order book; {Use}";
        string[] parts = fileName.Split('-');
        if ((parts.Length >= 3 && KlineIntervals.Contains(parts[1], StringComparer.Ordinal)) || firstLine?.StartsWith("open_time,", StringComparison.Ordinal) == true)
            return $"a Binance klines file holds candles (open, high, low, close, volume per interval), not book updates or trades: it cannot drive the order book; {Use}";
        return null;
    }

    private static readonly string[] KlineIntervals = ["1s", "1m", "3m", "5m", "15m", "30m", "1h", "2h", "4h", "6h", "8h", "12h", "1d", "3d", "1w", "1mo"];

    /// <summary>The symbol before the first '-' of a data.binance.vision file name (<c>BTCUSDT-trades-...</c>).</summary>
    public static string? SymbolFromName(string fileName)
    {
        int dash = fileName.IndexOf('-');
        return dash > 0 ? fileName[..dash].ToUpperInvariant() : null;
    }

    internal static string? FirstLine(string path)
    {
        using var lines = new LineReader(TextFile.Open(path, new Integrity.InputDamage()), 4096);
        return lines.TryReadLine(out var l) ? System.Text.Encoding.UTF8.GetString(l) : null;
    }

    /// <inheritdoc />
    public void Dispose() => _lines.Dispose();

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => Stats.AddDamageTo(total);
}
