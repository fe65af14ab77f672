using System.Runtime.CompilerServices;
using System.Text.Json;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// The general path: <see cref="FieldScanner"/> (<see cref="Utf8JsonReader"/>) collects every field of the frame
/// in any order, with any whitespace or escapes, then the message is built. <see cref="BinanceParser"/> sends here
/// every frame its single-pass scanner does not accept, so this path alone decides every rejection and its
/// reason; the tests also run it as the reference the fast scanner is compared with, event by event.
/// </summary>
internal sealed class ReaderParser
{
    private readonly SymbolRegistry _registry;
    private readonly SymbolResolver _symbols;
    private readonly BinanceParserOptions _options;
    private readonly long _timeScale;
    private readonly MarketEventFlags _baseFlags;

    /// <summary>The id space of the trade or bookTicker this path last emitted (read right after it).</summary>
    public MessageIdFilter.IdKind LastIdKind;

    public ReaderParser(SymbolRegistry registry, SymbolResolver symbols, BinanceParserOptions options)
    {
        _registry = registry;
        _symbols = symbols;
        _options = options;
        _timeScale = options.TimeUnit == BinanceTimeUnit.Microseconds ? 1_000 : 1_000_000;
        _baseFlags = options.MarkReplayed ? MarketEventFlags.Replayed : MarketEventFlags.None;
    }

    /// <summary>A reference parser with its own resolver (tests).</summary>
    public ReaderParser(SymbolRegistry registry, BinanceParserOptions? options = null)
        : this(registry, new SymbolResolver(registry, options?.AutoRegisterVenue), options ?? new BinanceParserOptions())
    {
    }

    /// <summary>Parses one frame like <see cref="BinanceParser.Parse"/> does (size checks, rollback on
    /// rejection), without counting.</summary>
    public ParseResult Parse(in RawFrame frame, MarketEventBuffer output)
    {
        var json = frame.Payload.Span;
        int start = output.Count;
        ParseResult result;
        if (json.IsEmpty) result = ParseResult.Empty;
        else if (json.Length > _options.MaxFrameBytes) result = ParseResult.TooLarge;
        else result = ParsePayload(json, frame.LocalTimeNs, frame.SymbolId, output);
        if (result >= ParseResult.FirstRejection) output.Truncate(start);
        return result;
    }

    /// <summary>Parses a non-empty frame within the size limit; a rejection may leave events to roll back.</summary>
    public ParseResult ParsePayload(ReadOnlySpan<byte> json, long localNs, int frameSymbol, MarketEventBuffer output)
    {
        try
        {
            return ParseObject(json, localNs, frameSymbol, output);
        }
        catch (JsonException)
        {
            // Last resort: Utf8JsonReader reports truncated or malformed JSON only by throwing.
            return ParseResult.InvalidJson;
        }
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
            if (e.SequenceEqual("markPriceUpdate"u8)) return MarkPrice(json, localNs, output);
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
        var res = _symbols.Resolve(f.Symbol, out int symbolId);
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
            var res = _symbols.Resolve(name, out symbolId);
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
            _options.MaxLevelsPerMessage, _options.MaxQuantityLots, ref levels);
        if (res != ParseResult.Events) return res;
        res = LevelParser.Append(f.Asks, Side.Ask, info.PriceDecimals, info.QuantityDecimals, ref template, output,
            _options.MaxLevelsPerMessage, _options.MaxQuantityLots, ref levels);
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
        var res = _symbols.Resolve(f.Symbol, out int symbolId);
        if (res != ParseResult.Events) return res;
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;
        var info = _registry[symbolId];
        if (FastDecimal.TryParse(f.Bids, info.PriceDecimals, out long bid) != 0
            || FastDecimal.TryParse(f.BidQty, info.QuantityDecimals, out long bidQty) != 0
            || FastDecimal.TryParse(f.Asks, info.PriceDecimals, out long ask) != 0
            || FastDecimal.TryParse(f.AskQty, info.QuantityDecimals, out long askQty) != 0)
            return ParseResult.BadNumber;
        if (bidQty > _options.MaxQuantityLots || askQty > _options.MaxQuantityLots) return ParseResult.QuantityTooLarge;
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
        LastIdKind = MessageIdFilter.IdKind.BookTicker;
        return ParseResult.Events;
    }

    private ParseResult Trade(ref MessageFields f, long localNs, MarketEventBuffer output, bool aggregate)
    {
        var idBit = aggregate ? FieldBits.AggId : FieldBits.TradeId;
        if (!f.HasAll(FieldBits.Symbol | FieldBits.Price | FieldBits.Qty | idBit)) return ParseResult.MissingField;
        var res = _symbols.Resolve(f.Symbol, out int symbolId);
        if (res != ParseResult.Events) return res;
        if (!TryExchangeTime(ref f, out long exchNs)) return ParseResult.BadNumber;
        var info = _registry[symbolId];
        if (FastDecimal.TryParse(f.Price, info.PriceDecimals, out long price) != 0
            || FastDecimal.TryParse(f.Qty, info.QuantityDecimals, out long qty) != 0)
            return ParseResult.BadNumber;
        if (qty > _options.MaxQuantityLots) return ParseResult.QuantityTooLarge;
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
        LastIdKind = aggregate ? MessageIdFilter.IdKind.AggTrade : MessageIdFilter.IdKind.Trade;
        return ParseResult.Events;
    }

    // USD-M markPriceUpdate (1 a second per symbol): MarkPriceParser reads the frame again (envelope included); prices
    // come with 8 decimals, off the tick grid, and are rounded to it.
    private ParseResult MarkPrice(ReadOnlySpan<byte> json, long localNs, MarketEventBuffer output)
    {
        if (!MarkPriceParser.TryParse(json, out var u, out var symbol)) return ParseResult.BadNumber;
        var res = _symbols.Resolve(json[symbol], out int symbolId);
        if (res != ParseResult.Events) return res;
        if (u.EventTimeMs < 0 || u.EventTimeMs > long.MaxValue / _timeScale || u.NextFundingTimeMs < 0 || u.NextFundingTimeMs > long.MaxValue / _timeScale)
            return ParseResult.BadNumber;
        int decimals = _registry[symbolId].PriceDecimals;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.MarkPrice;
        e.SymbolId = symbolId;
        e.ExchangeTimeNs = u.EventTimeMs * _timeScale;
        e.LocalTimeNs = localNs;
        e.Price = u.MarkPriceTicks(decimals);
        e.Quantity = u.IndexPriceTicks(decimals);
        e.FundingRateE8 = u.FundingRateE8;
        e.NextFundingTimeNs = u.NextFundingTimeMs * _timeScale;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage;
        LastIdKind = MessageIdFilter.IdKind.None;
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

    private static ReadOnlySpan<byte> StreamSymbol(ReadOnlySpan<byte> stream)
    {
        int at = stream.IndexOf((byte)'@');
        return at > 0 ? stream[..at] : default;
    }
}
