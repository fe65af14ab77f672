using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Turns one raw Binance frame (spot, USD-M or COIN-M; raw or combined stream; or a REST depth snapshot) into
/// <see cref="MarketEvent"/>s appended to a caller-owned <see cref="MarketEventBuffer"/>, straight from the receive
/// buffer: no string, no <c>decimal</c>, no allocation per message in steady state.
/// </summary>
/// <remarks>
/// <para>Output per message: a depth update gives one <see cref="MarketEventKind.BookDelta"/> per level (bids
/// first), all carrying <c>U</c>, <c>u</c> (and <c>pu</c> with <see cref="MarketEventFlags.HasPrevUpdateId"/>),
/// the last one flagged <see cref="MarketEventFlags.LastInMessage"/>; an empty one gives one event flagged
/// <see cref="MarketEventFlags.EmptyMessage"/>. A REST snapshot gives <see cref="MarketEventKind.SnapshotLevel"/>s,
/// the first flagged <see cref="MarketEventFlags.SnapshotStart"/>. bookTicker, trade and aggTrade give one event.</para>
/// <para>Two paths, one behaviour. A single-pass scanner specialised for the JSON Binance sends takes the usual
/// frames (depth, bookTicker, trade, aggTrade, snapshots in Binance's field order). Anything else (whitespace,
/// escapes, reordered or repeated keys, other event types, control replies, and every frame that would be
/// rejected) is re-parsed by a general <see cref="System.Text.Json.Utf8JsonReader"/> path, which alone decides
/// rejections and their reasons; those frames are counted in <see cref="ParseCounters.SlowPathFrames"/>.</para>
/// <para>Exchange time is <c>E</c> when present, else <c>T</c>, converted to ns. A rejected frame appends nothing
/// (a half-parsed message is rolled back) and is counted by reason in <see cref="Counters"/>. Never throws on
/// input. Single-threaded: one parser per feed thread.</para>
/// <para>Crafted input: a quantity above <see cref="BinanceParserOptions.MaxQuantityLots"/> rejects the frame
/// (<see cref="ParseResult.QuantityTooLarge"/>); a trade, aggregate trade, bookTicker or depth message whose id
/// was already accepted for its symbol is dropped and counted (<see cref="ParseResult.Duplicate"/>,
/// <see cref="ParseCounters.Duplicates"/>); a new symbol past the registry's cap is refused
/// (<see cref="ParseResult.TooManySymbols"/>).</para>
/// </remarks>
public sealed class BinanceParser
{
    private readonly SymbolRegistry _registry;
    private readonly BinanceParserOptions _options;
    private readonly FastScanner _fast;
    private readonly ReaderParser _reader;
    private readonly MessageIdFilter? _ids;

    /// <summary>Creates a parser resolving symbols through <paramref name="registry"/>.</summary>
    public BinanceParser(SymbolRegistry registry, BinanceParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? new BinanceParserOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFrameBytes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLevelsPerMessage, 1);
        var symbols = new SymbolResolver(registry, _options.AutoRegisterVenue);
        _fast = new FastScanner(symbols, _options);
        _reader = new ReaderParser(registry, symbols, _options);
        _ids = _options.DropDuplicateIds ? new MessageIdFilter() : null;
    }

    /// <summary>Frame counts by outcome.</summary>
    public ParseCounters Counters { get; } = new();

    /// <summary>The registry symbols are resolved with.</summary>
    public SymbolRegistry Registry => _registry;

    /// <summary>
    /// Parses <paramref name="frame"/> and appends its events to <paramref name="output"/> (which is not cleared
    /// first). Returns the outcome; on a rejection nothing is appended.
    /// </summary>
    public ParseResult Parse(in RawFrame frame, MarketEventBuffer output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var json = frame.Payload.Span;
        int start = output.Count;
        ParseResult result;
        if (json.IsEmpty) result = ParseResult.Empty;
        else if (json.Length > _options.MaxFrameBytes) result = ParseResult.TooLarge;
        else
        {
            result = _fast.Parse(json, frame.LocalTimeNs, frame.SymbolId, output);
            var idKind = _fast.LastIdKind;
            if (result == FastScanner.Fallback)
            {
                result = SlowPath(json, frame.LocalTimeNs, frame.SymbolId, output, start);
                idKind = _reader.LastIdKind;
            }
            // A trade, bookTicker or depth message whose id was already accepted: drop it (both paths agree, it is
            // decided here, after either).
            if (result == ParseResult.Events && _ids is not null && output.Count > start && IsDuplicate(output.At(start), idKind))
            {
                if (Counters.FirstDuplicate is null) NoteFirstDuplicate(output.At(start), frame.LocalTimeNs);
                output.Truncate(start);
                result = ParseResult.Duplicate;
            }
        }
        if (result >= ParseResult.FirstRejection) output.Truncate(start);
        Counters.Count(result, output.Count - start);
        return result;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private bool IsDuplicate(in MarketEvent first, MessageIdFilter.IdKind tradeKind)
    {
        var kind = first.Kind switch
        {
            MarketEventKind.Trade => tradeKind,
            MarketEventKind.TopOfBook => MessageIdFilter.IdKind.BookTicker,
            MarketEventKind.BookDelta => MessageIdFilter.IdKind.Depth, // every level of a message carries its u
            _ => MessageIdFilter.IdKind.None,
        };
        return _ids!.IsDuplicate(kind, first.SymbolId, first.UpdateId);
    }

    // Once per parser (a string for the log line); later duplicates are only counted.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void NoteFirstDuplicate(in MarketEvent first, long localNs)
    {
        string symbol = (uint)first.SymbolId < (uint)_registry.Count ? _registry[first.SymbolId].Name : $"symbol {first.SymbolId}";
        Counters.FirstDuplicate = $"{symbol} {first.Kind} id {first.UpdateId} received at {localNs} ns";
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private ParseResult SlowPath(ReadOnlySpan<byte> json, long localNs, int frameSymbol, MarketEventBuffer output, int start)
    {
        output.Truncate(start);
        Counters.CountSlowPath();
        return _reader.ParsePayload(json, localNs, frameSymbol, output);
    }
}
