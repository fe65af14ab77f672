using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Finds, before a replay starts, every symbol of known exchange filters in a recording, in the order the replay
/// registers them. A trading desk is built over the symbols registered when the first event is published; a recording that opens
/// with one symbol and brings others later (a multi-symbol file, a second file of another symbol, an event journal
/// whose later segments add symbols) would otherwise leave every later symbol's decisions untraded. A symbol whose
/// filters are unknown gets the finest price and quantity decimals its messages use (<see cref="ObservedScales"/>: the
/// values parse at them without loss) instead of the generic 10^-8, whose quote amounts are too fine for 64-bit
/// account units and disabled trading for the whole run; one never seen in a depth, trade or book-ticker message keeps
/// the generic scales (fail closed). Scales are what the recording parses at, whatever the quote asset: a symbol quoted
/// in another asset than the account's is not traded (the strategy stage refuses it by its <see cref="SymbolInfo.QuoteAsset"/>),
/// so its scales no longer need to disable the run's other symbols.
/// </summary>
public static class KnownSymbolPrescan
{
    /// <summary>
    /// Reads <paramref name="paths"/> once through a scratch registry, as <see cref="ReplaySourceFactory"/> replays
    /// them (damage is not reported here: the replay itself reports it), and returns their symbols of known filters in
    /// registration order: a journal header's specification as recorded, a stream name's from <c>KnownSymbols</c>, an
    /// unknown stream symbol's at the decimals its messages use (minimum notional unknown: 0); a Binance CSV's symbol (from
    /// its file name) the same way, at the decimals its rows use.
    /// Other event files (Lean, LOBSTER) register their symbol when they open: an empty list, nothing read.
    /// </summary>
    /// <param name="paths">The recordings, in replay order.</param>
    /// <param name="venue">The venue symbols register under.</param>
    /// <param name="inferred">When given, receives the names whose scales were inferred from the data (for the log).</param>
    /// <param name="coarsened">When given, receives the known symbols whose quantity decimals were coarsened to the data's
    /// (their table scales are finer than <see cref="FineDecimals"/> decimals of the quote asset).</param>
    public static IReadOnlyList<SymbolInfo> Symbols(IReadOnlyList<string> paths, string venue, ICollection<string>? inferred = null,
        ICollection<string>? coarsened = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentException.ThrowIfNullOrEmpty(venue);
        var scratch = new SymbolRegistry();
        bool frames = paths.All(p => ReplaySourceFactory.IsFrameFormat(ReplayFormatDetector.Detect(p)));
        bool eventJournal = paths.All(p => ReplayFormatDetector.Detect(p) == ReplayFormat.EventJournal);
        bool csv = paths.All(p => ReplayFormatDetector.Detect(p) == ReplayFormat.BinanceCsv);
        if (!frames && !eventJournal && !csv) return [];
        var observed = new Dictionary<int, ObservedScales>();
        if (csv)
        {
            // A CSV's symbol registers as the CSV source registers it, at the decimals its rows use.
            foreach (var path in paths)
                if (Events.BinanceCsvScales.Observe(path) is ({ } name, var scales) && KnownSymbols.TryRegister(scratch, venue, name) is { } sym)
                {
                    if (observed.TryGetValue(sym.Id, out var seen)) seen.Merge(scales);
                    else observed[sym.Id] = scales;
                }
        }
        else using (var probe = ReplaySourceFactory.Open(scratch, paths, _ => { }, venue))
        {
            if (probe.Frames is { } f) ReadFrames(f, new TextSourceOptions(scratch) { AutoRegisterVenue = venue }, observed);
            else while (probe.Events!.TryRead(out _)) { }
        }
        var scaledRegistry = new SymbolRegistry(scratch.MaxSymbols);
        var result = new List<SymbolInfo>(scratch.Count);
        foreach (var s in scratch.All)
        {
            if (!s.HasGenericScales)
            {
                // A known symbol whose table keeps Binance's 8 quantity decimals at a fine tick (XRPUSDT, DOGEUSDT spot;
                // BNBUSDT, SOLUSDT USD-M) makes quote amounts too fine for 64-bit account totals: its quantities take
                // the finest decimals the recording uses instead; the tick and the minimum notional stay the exchange's.
                if (s.PriceDecimals + s.QuantityDecimals > FineDecimals && observed.TryGetValue(s.Id, out var k) && k.Complete
                    && k.PriceDecimals <= s.PriceDecimals && k.QuantityDecimals < s.QuantityDecimals
                    && scaledRegistry.TryRegister(s.Name, s.Venue, s.PriceDecimals, k.QuantityDecimals,
                        minNotional: KnownSymbols.MinNotionalUnits(s.Venue, s.Name, s.PriceDecimals, k.QuantityDecimals), quoteAsset: s.QuoteAsset) is { } coarse)
                {
                    result.Add(coarse);
                    coarsened?.Add(s.Name);
                }
                else result.Add(s);
            }
            else if (observed.TryGetValue(s.Id, out var o) && o.Complete
                && scaledRegistry.TryRegister(s.Name, s.Venue, o.PriceDecimals, o.QuantityDecimals, quoteAsset: s.QuoteAsset) is { } scaled)
            {
                result.Add(scaled);
                inferred?.Add(s.Name);
            }
        }
        return result;
    }

    /// <summary>Registers <paramref name="symbols"/> (from <see cref="Symbols"/>) in <paramref name="registry"/>, in order,
    /// with their full specification; a name already registered is left as it is.</summary>
    public static void Register(SymbolRegistry registry, IReadOnlyList<SymbolInfo> symbols)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(symbols);
        foreach (var s in symbols)
            if (!registry.TryGet(s.Name, out _))
                registry.TryRegister(s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals, s.TickSize, s.LotSize, s.MinNotional, s.MinQuantity, s.QuoteAsset);
    }

    /// <summary>
    /// Registers the recordings' symbols at the scales replay reads them at (<see cref="Symbols"/>, <see cref="Register"/>)
    /// and opens them (<see cref="ReplaySourceFactory.Open(SymbolRegistry, IReadOnlyList{string}, Action{string}?, string?)"/>):
    /// the one way every verb that reads recordings opens them, so none reads a symbol at the generic 10^-8 (a
    /// PEPEUSDT-like book's billions of coins passed the parser's lot bound there and valid depth was counted as damage).
    /// </summary>
    public static ReplaySource OpenAtReplayScales(SymbolRegistry registry, IReadOnlyList<string> paths, Action<string>? log, string venue)
    {
        Register(registry, Symbols(paths, venue));
        return ReplaySourceFactory.Open(registry, paths, log, venue);
    }

    /// <summary>Price plus quantity decimals above which a known symbol's quantities are coarsened to the recording's (10:
    /// the finest scales whose quote amounts fit 64-bit account totals at the default equity of 100,000).</summary>
    public const int FineDecimals = 10;

    // The parser registers a stream's symbol on its first frame; the stream name says which it is. A symbol of unknown
    // filters has its market messages' decimals observed (not the mark price's, which is finer than the tick), and its
    // REST snapshots' too: a thin book's 30 s of messages can use coarser prices than its snapshot's levels (CTKUSDT
    // USD-M: 3 decimals in the stream, 5 in the snapshot), and a snapshot off the inferred grid was rejected, so the
    // symbol never synced and its every decision was bookNotSynced, exit 0.
    private static void ReadFrames(IRawFrameSource frames, TextSourceOptions options, Dictionary<int, ObservedScales> observed)
    {
        while (frames.TryRead(out var frame))
        {
            var payload = frame.Payload.Span;
            int id;
            if (frame.Origin == FrameOrigin.RestSnapshot)
            {
                id = frame.SymbolId >= 0 ? frame.SymbolId : SnapshotSymbol(payload) is { IsEmpty: false } named ? SymbolResolver.Resolve(options, named) : -1;
                if ((uint)id >= (uint)options.Registry.Count) continue;
            }
            else
            {
                if (frame.Origin != FrameOrigin.WebSocket || SymbolResolver.StreamSymbol(payload) is not { IsEmpty: false } name) continue;
                id = SymbolResolver.Resolve(options, name);
                if (id < 0 || !IsMarketStream(payload[(payload.IndexOf((byte)'@') + 1)..])) continue;
            }
            if (!(options.Registry[id].HasGenericScales || IsFine(options.Registry[id]))) continue;
            if (!observed.TryGetValue(id, out var scales)) observed[id] = scales = new ObservedScales();
            scales.Add(payload);
        }
    }

    // The "symbol" field a REST snapshot names its symbol with (COIN-M's shape; our simulator's files of several symbols).
    private static ReadOnlySpan<byte> SnapshotSymbol(ReadOnlySpan<byte> json)
    {
        ReadOnlySpan<byte> key = "\"symbol\":\""u8;
        int at = json.IndexOf(key);
        if (at < 0) return default;
        var rest = json[(at + key.Length)..];
        int end = rest.IndexOf((byte)'"');
        return end > 0 ? rest[..end] : default;
    }

    private static bool IsFine(SymbolInfo s) => s.PriceDecimals + s.QuantityDecimals > FineDecimals;

    // Depth diffs, trades and book tickers carry prices on the tick grid and quantities on the lot grid.
    private static bool IsMarketStream(ReadOnlySpan<byte> afterAt) =>
        afterAt.StartsWith("depth"u8) || afterAt.StartsWith("trade"u8) || afterAt.StartsWith("aggTrade"u8) || afterAt.StartsWith("bookTicker"u8);
}
