using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Turns one raw Binance frame (spot, USD-M or COIN-M; raw or combined stream; or a REST depth snapshot) into
/// <see cref="MarketEvent"/>s appended to a caller-owned <see cref="MarketEventBuffer"/>, straight from the receive
/// buffer with <see cref="Utf8JsonReader"/>: no string, no <c>decimal</c>, no allocation per message in steady state.
/// </summary>
/// <remarks>
/// <para>Output per message: a depth update gives one <see cref="MarketEventKind.BookDelta"/> per level (bids
/// first), all carrying <c>U</c>, <c>u</c> (and <c>pu</c> with <see cref="MarketEventFlags.HasPrevUpdateId"/>),
/// the last one flagged <see cref="MarketEventFlags.LastInMessage"/>; an empty one gives one event flagged
/// <see cref="MarketEventFlags.EmptyMessage"/>. A REST snapshot gives <see cref="MarketEventKind.SnapshotLevel"/>s,
/// the first flagged <see cref="MarketEventFlags.SnapshotStart"/>. bookTicker, trade and aggTrade give one event.</para>
/// <para>Exchange time is <c>E</c> when present, else <c>T</c>, converted to ns. A rejected frame appends nothing
/// (a half-parsed message is rolled back) and is counted by reason in <see cref="Counters"/>. Never throws on
/// input. Single-threaded: one parser per feed thread.</para>
/// </remarks>
public sealed class BinanceParser
{
    private readonly SymbolRegistry _registry;
    private readonly BinanceParserOptions _options;
    private readonly long _timeScale;
    private readonly MarketEventFlags _baseFlags;

    /// <summary>Creates a parser resolving symbols through <paramref name="registry"/>.</summary>
    public BinanceParser(SymbolRegistry registry, BinanceParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        _registry = registry;
        _options = options ?? new BinanceParserOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxFrameBytes, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxLevelsPerMessage, 1);
        _timeScale = _options.TimeUnit == BinanceTimeUnit.Microseconds ? 1_000 : 1_000_000;
        _baseFlags = _options.MarkReplayed ? MarketEventFlags.Replayed : MarketEventFlags.None;
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
            try
            {
                result = ParseObject(json, frame.LocalTimeNs, frame.SymbolId, output);
            }
            catch (JsonException)
            {
                // Last resort: Utf8JsonReader reports truncated or malformed JSON only by throwing.
                result = ParseResult.InvalidJson;
            }
        }
        if (result >= ParseResult.FirstRejection) output.Truncate(start);
        Counters.Count(result, output.Count - start);
        return result;
    }

    private ParseResult ParseObject(ReadOnlySpan<byte> json, long localNs, int frameSymbol, MarketEventBuffer output)
    {
        var f = default(MessageFields);
        var res = FieldScanner.Scan(json, ref f);
        if (res != ParseResult.Events) return res;
        if (f.HasAll(FieldBits.Data))
        {
            // Combined stream: {"stream":..,"data":{..}} in either order; the payload is the inner object.
            var stream = f.Stream;
            var data = f.Data;
            f = default;
            f.Stream = stream;
            res = FieldScanner.Scan(data, ref f);
            if (res != ParseResult.Events) return res;
        }

        if (f.HasAll(FieldBits.LastUpdateId)) return Snapshot(ref f, localNs, frameSymbol, output);
        if (f.HasAll(FieldBits.EventType))
        {
            var e = f.EventType;
            if (e.SequenceEqual("depthUpdate"u8)) return Depth(ref f, localNs, output);
            if (e.SequenceEqual("bookTicker"u8)) return BookTicker(ref f, localNs, output);
            if (e.SequenceEqual("trade"u8)) return Trade(ref f, localNs, output, aggregate: false);
            if (e.SequenceEqual("aggTrade"u8)) return Trade(ref f, localNs, output, aggregate: true);
            if (e.SequenceEqual("serverShutdown"u8)) return Shutdown(ref f, localNs, output);
            return ParseResult.Ignored;
        }
        // Spot bookTicker has no "e": recognise it by its shape.
        if (f.HasAll(FieldBits.FinalId | FieldBits.Bids | FieldBits.Asks)
            && f.BidsType == JsonTokenType.String && f.AsksType == JsonTokenType.String)
            return BookTicker(ref f, localNs, output);
        return f.HasAny(FieldBits.Control) ? ParseResult.ControlReply : ParseResult.Ignored;
    }

    private ParseResult Depth(ref MessageFields f, long localNs, MarketEventBuffer output)
    {
        const FieldBits need = FieldBits.Symbol | FieldBits.FirstId | FieldBits.FinalId | FieldBits.Bids | FieldBits.Asks;
        if (!f.HasAll(need)) return ParseResult.MissingField;
        if (f.BidsType != JsonTokenType.StartArray || f.AsksType != JsonTokenType.StartArray) return ParseResult.WrongType;
        var res = ResolveSymbol(f.Symbol, out int symbolId);
        if (res != ParseResult.Events) return res;
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;

        var template = Template(MarketEventKind.BookDelta, symbolId, exchNs, localNs, f.FinalId);
        template.FirstUpdateId = f.FirstId;
        if (f.HasAll(FieldBits.PrevId))
        {
            template.PrevUpdateId = f.PrevId;
            template.Flags |= MarketEventFlags.HasPrevUpdateId;
        }
        return Levels(ref f, symbolId, ref template, output, snapshot: false);
    }

    private ParseResult Snapshot(ref MessageFields f, long localNs, int frameSymbol, MarketEventBuffer output)
    {
        if (!f.HasAll(FieldBits.Bids | FieldBits.Asks)) return ParseResult.MissingField;
        if (f.BidsType != JsonTokenType.StartArray || f.AsksType != JsonTokenType.StartArray) return ParseResult.WrongType;
        int symbolId;
        if (frameSymbol >= 0)
        {
            if (frameSymbol >= _registry.Count) return ParseResult.UnknownSymbol;
            symbolId = frameSymbol;
        }
        else
        {
            // A REST snapshot names no symbol (COIN-M's does); a partial-depth stream names it in "stream".
            var name = f.HasAll(FieldBits.Symbol) ? f.Symbol : StreamSymbol(f.Stream);
            if (name.IsEmpty) return ParseResult.MissingField;
            var res = ResolveSymbol(name, out symbolId);
            if (res != ParseResult.Events) return res;
        }
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;

        var template = Template(MarketEventKind.SnapshotLevel, symbolId, exchNs, localNs, f.LastUpdateId);
        return Levels(ref f, symbolId, ref template, output, snapshot: true);
    }

    private ParseResult Levels(ref MessageFields f, int symbolId, ref MarketEvent template, MarketEventBuffer output, bool snapshot)
    {
        var info = _registry[symbolId];
        int first = output.Count;
        int levels = 0;
        var res = LevelParser.Append(f.Bids, Side.Bid, info.PriceDecimals, info.QuantityDecimals, ref template, output,
            _options.MaxLevelsPerMessage, ref levels);
        if (res != ParseResult.Events) return res;
        res = LevelParser.Append(f.Asks, Side.Ask, info.PriceDecimals, info.QuantityDecimals, ref template, output,
            _options.MaxLevelsPerMessage, ref levels);
        if (res != ParseResult.Events) return res;
        if (levels == 0)
        {
            // Still one event so the sync can chain update ids (and clear the book for an empty snapshot).
            ref var e = ref output.Append();
            e = template;
            e.Flags |= MarketEventFlags.EmptyMessage;
        }
        output.At(output.Count - 1).Flags |= MarketEventFlags.LastInMessage;
        if (snapshot) output.At(first).Flags |= MarketEventFlags.SnapshotStart;
        return ParseResult.Events;
    }

    private ParseResult BookTicker(ref MessageFields f, long localNs, MarketEventBuffer output)
    {
        const FieldBits need = FieldBits.Symbol | FieldBits.FinalId | FieldBits.Bids | FieldBits.Asks | FieldBits.BidQty | FieldBits.AskQty;
        if (!f.HasAll(need)) return ParseResult.MissingField;
        if (f.BidsType != JsonTokenType.String || f.AsksType != JsonTokenType.String) return ParseResult.WrongType;
        var res = ResolveSymbol(f.Symbol, out int symbolId);
        if (res != ParseResult.Events) return res;
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;
        var info = _registry[symbolId];
        if (FastDecimal.TryParse(f.Bids, info.PriceDecimals, out long bid) != 0
            || FastDecimal.TryParse(f.BidQty, info.QuantityDecimals, out long bidQty) != 0
            || FastDecimal.TryParse(f.Asks, info.PriceDecimals, out long ask) != 0
            || FastDecimal.TryParse(f.AskQty, info.QuantityDecimals, out long askQty) != 0)
            return ParseResult.BadNumber;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.TopOfBook;
        e.SymbolId = symbolId;
        e.ExchangeTimeNs = exchNs;
        e.LocalTimeNs = localNs;
        e.Price = bid;
        e.Quantity = bidQty;
        e.AskPrice = ask;
        e.AskQuantity = askQty;
        e.UpdateId = f.FinalId;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage;
        return ParseResult.Events;
    }

    private ParseResult Trade(ref MessageFields f, long localNs, MarketEventBuffer output, bool aggregate)
    {
        var idBit = aggregate ? FieldBits.AggId : FieldBits.TradeId;
        if (!f.HasAll(FieldBits.Symbol | FieldBits.Price | FieldBits.Qty | idBit)) return ParseResult.MissingField;
        var res = ResolveSymbol(f.Symbol, out int symbolId);
        if (res != ParseResult.Events) return res;
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;
        var info = _registry[symbolId];
        if (FastDecimal.TryParse(f.Price, info.PriceDecimals, out long price) != 0
            || FastDecimal.TryParse(f.Qty, info.QuantityDecimals, out long qty) != 0)
            return ParseResult.BadNumber;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.Trade;
        e.SymbolId = symbolId;
        e.ExchangeTimeNs = exchNs;
        e.LocalTimeNs = localNs;
        e.Price = price;
        e.Quantity = qty;
        e.UpdateId = aggregate ? f.AggId : f.TradeId;
        e.FirstUpdateId = aggregate && f.HasAll(FieldBits.FirstTradeId) ? f.FirstTradeId : e.UpdateId;
        // m = buyer is maker: the seller crossed the spread, so the aggressor is on the ask side.
        e.Side = f.BuyerIsMaker ? Side.Ask : Side.Bid;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage | (f.BuyerIsMaker ? MarketEventFlags.BuyerIsMaker : 0);
        return ParseResult.Events;
    }

    private ParseResult Shutdown(ref MessageFields f, long localNs, MarketEventBuffer output)
    {
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.Status;
        e.SymbolId = -1;
        e.UpdateId = (long)FeedStatus.ServerShutdown;
        e.ExchangeTimeNs = exchNs;
        e.LocalTimeNs = localNs;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage;
        return ParseResult.ServerShutdown;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private MarketEvent Template(MarketEventKind kind, int symbolId, long exchNs, long localNs, long updateId)
    {
        var e = default(MarketEvent);
        e.Kind = kind;
        e.SymbolId = symbolId;
        e.ExchangeTimeNs = exchNs;
        e.LocalTimeNs = localNs;
        e.UpdateId = updateId;
        e.Flags = _baseFlags;
        return e;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryExchangeTime(ref MessageFields f, out long ns)
    {
        long t = f.HasAll(FieldBits.EventTime) ? f.EventTime : f.HasAll(FieldBits.TransactTime) ? f.TransactTime : 0;
        ns = 0;
        if (t > long.MaxValue / _timeScale) return false;
        ns = t * _timeScale;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ParseResult ResolveSymbol(ReadOnlySpan<byte> name, out int id)
    {
        if (_registry.TryGetId(name, out id)) return ParseResult.Events;
        return _options.AutoRegisterVenue is null ? ParseResult.UnknownSymbol : RegisterSlow(name, out id);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ParseResult RegisterSlow(ReadOnlySpan<byte> name, out int id)
    {
        id = -1;
        if (name.IsEmpty || name.Length > 32) return ParseResult.UnknownSymbol;
        foreach (byte b in name)
            if (!(char.IsAsciiLetterOrDigit((char)b) || b == (byte)'_' || b == (byte)'-')) return ParseResult.UnknownSymbol;
        string symbol = Encoding.ASCII.GetString(name);
        string venue = _options.AutoRegisterVenue!;
        // Known symbols get their exchange scales; the rest the generic 8/8.
        id = KnownSymbols.TryGet(venue, symbol, out var k)
            ? _registry.Register(symbol, venue, k.PriceDecimals, k.QuantityDecimals,
                minNotional: k.MinNotionalQuote * Core.Numerics.FixedPoint.PowerOfTen(k.PriceDecimals + k.QuantityDecimals)).Id
            : _registry.Register(symbol, venue, SymbolRegistry.DefaultDecimals, SymbolRegistry.DefaultDecimals).Id;
        return ParseResult.Events;
    }

    private static ReadOnlySpan<byte> StreamSymbol(ReadOnlySpan<byte> stream)
    {
        int at = stream.IndexOf((byte)'@');
        return at > 0 ? stream[..at] : default;
    }
}
