using System.Runtime.CompilerServices;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// The hot path of <see cref="BinanceParser"/>: one forward pass over the frame bytes, specialised for the JSON
/// Binance actually sends (no whitespace, no escapes, <c>{"stream":..,"data":{..}}</c> with the stream first,
/// the symbol before the level arrays, bids before asks). Keys dispatch on their length and first bytes, numbers
/// go straight into ticks and lots (<see cref="SimdNumber"/>), levels are written into the output as they are
/// read, symbols resolve through a small byte cache (<see cref="SymbolResolver"/>).
/// </summary>
/// <remarks>
/// It never rejects: any frame it is not sure about (a rejection of any kind, an unusual layout, an unknown
/// event type, a control reply) returns <see cref="Fallback"/> and the caller re-parses the frame with the
/// general <see cref="ReaderParser"/>, which decides exactly as before. So the accepted output is all this path
/// has to get right, and the tests compare it with the reader's on every recorded and simulated message.
/// </remarks>
internal sealed unsafe partial class FastScanner
{
    /// <summary>"Not decided here": the frame must go through the reader path.</summary>
    public const ParseResult Fallback = (ParseResult)255;

    /// <summary>The id space of the trade or bookTicker this scanner last emitted (read right after it).</summary>
    public MessageIdFilter.IdKind LastIdKind;

    private static readonly ulong StreamKey = JsonText.Read64("\"stream\""u8);
    private static readonly ushort ColonQuote = JsonText.Read16(":\""u8);
    private static readonly ulong DataKey = JsonText.Read64(",\"data\":"u8);
    private static readonly ulong DepthUpd = JsonText.Read64("depthUpd"u8);
    private static readonly uint Date = JsonText.Read32("date"u8);
    private static readonly ulong BookTick = JsonText.Read64("bookTick"u8);
    private static readonly ushort Er = JsonText.Read16("er"u8);
    private static readonly uint Trad = JsonText.Read32("trad"u8);
    private static readonly ulong AggTrade = JsonText.Read64("aggTrade"u8);
    private static readonly ushort Pu = JsonText.Read16("pu"u8);
    private static readonly uint Bids = JsonText.Read32("bids"u8);
    private static readonly uint Asks = JsonText.Read32("asks"u8);
    private static readonly uint Symb = JsonText.Read32("symb"u8);
    private static readonly ushort Ol = JsonText.Read16("ol"u8);
    private static readonly ulong LastUpda = JsonText.Read64("lastUpda"u8);
    private static readonly uint TeId = JsonText.Read32("teId"u8);

    private readonly SymbolResolver _symbols;
    private readonly int _maxLevels;
    private readonly long _maxQuantity;
    private readonly long _timeScale;
    private readonly MarketEventFlags _baseFlags;

    public FastScanner(SymbolResolver symbols, BinanceParserOptions options)
    {
        _symbols = symbols;
        _maxLevels = options.MaxLevelsPerMessage;
        _maxQuantity = options.MaxQuantityLots;
        _timeScale = options.TimeUnit == BinanceTimeUnit.Microseconds ? 1_000 : 1_000_000;
        _baseFlags = options.MarkReplayed ? MarketEventFlags.Replayed : MarketEventFlags.None;
    }

    /// <summary>Parses a non-empty frame, or returns <see cref="Fallback"/> (the caller rolls back what was
    /// appended).</summary>
    public ParseResult Parse(ReadOnlySpan<byte> json, long localNs, int frameSymbol, MarketEventBuffer output)
    {
        fixed (byte* start = json)
        {
            byte* end = start + json.Length;
            ScanFields f = default;
            f.LocalNs = localNs;
            f.FrameSymbol = frameSymbol;
            f.Start = output.Count;
            if (*start != (byte)'{') return Fallback;
            byte* p = start + 1;
            if (end - p >= 10 && JsonText.Read64(p) == StreamKey && JsonText.Read16(p + 8) == ColonQuote)
            {
                // Combined stream, in Binance's order: {"stream":"<name>","data":{...}}.
                f.Stream = p + 10;
                byte* q = JsonText.SkipString(f.Stream, end);
                if (q == null) return Fallback;
                f.StreamLength = (int)(q - f.Stream);
                p = q + 1;
                if (end - p < 9 || JsonText.Read64(p) != DataKey || p[8] != (byte)'{') return Fallback;
                p = Members(p + 9, end, ref f, output);
                if (p == null || end - p != 1 || *p != (byte)'}') return Fallback;
            }
            else
            {
                p = Members(p, end, ref f, output);
                if (p != end) return Fallback;
            }
            return Emit(ref f, end, output);
        }
    }

    // From the first key's quote to just past the object's closing brace.
    private byte* Members(byte* p, byte* end, ref ScanFields f, MarketEventBuffer output)
    {
        while (true)
        {
            if (end - p < 4 || *p != (byte)'"') return null;
            byte key = p[1];
            if (p[2] == (byte)'"')
            {
                // A one-byte key: printable ASCII, not a quote, not a backslash (which would escape the quote after it).
                if (p[3] != (byte)':' || (uint)(key - 0x20) >= 0x5F || key is (byte)'\\' or (byte)'"') return null;
                p = ShortField(key, p + 4, end, ref f, output);
            }
            else p = LongField(p + 1, end, ref f, output);
            if (p == null || p >= end) return null;
            byte c = *p++;
            if (c == (byte)',') continue;
            return c == (byte)'}' ? p : null;
        }
    }

    private byte* ShortField(byte key, byte* p, byte* end, ref ScanFields f, MarketEventBuffer output)
    {
        switch (key)
        {
            case (byte)'e': return EventType(p, end, ref f);
            case (byte)'E': return Number(p, end, ref f, FieldBits.EventTime, out f.EventTime);
            case (byte)'T': return Number(p, end, ref f, FieldBits.TransactTime, out f.TransactTime);
            case (byte)'s': return SymbolName(p, end, ref f);
            case (byte)'U': return Number(p, end, ref f, FieldBits.FirstId, out f.FirstId);
            case (byte)'u': return Number(p, end, ref f, FieldBits.FinalId, out f.FinalId);
            case (byte)'t': return Number(p, end, ref f, FieldBits.TradeId, out f.TradeId);
            case (byte)'f': return Number(p, end, ref f, FieldBits.FirstTradeId, out f.FirstTradeId);
            case (byte)'B': return DecimalText(p, end, ref f, FieldBits.BidQty, out f.BidQty);
            case (byte)'A': return DecimalText(p, end, ref f, FieldBits.AskQty, out f.AskQty);
            case (byte)'p': return DecimalText(p, end, ref f, FieldBits.Price, out f.Price);
            case (byte)'q': return DecimalText(p, end, ref f, FieldBits.Qty, out f.Qty);
            case (byte)'b':
                if (p < end && *p == (byte)'[') return Levels(p, end, ref f, output, Side.Bid);
                return DecimalText(p, end, ref f, FieldBits.Bids, out f.Bid);
            case (byte)'a':
                // The asks array (depth), the best ask (bookTicker) or the aggregate trade id (aggTrade).
                if (p < end && *p == (byte)'[') return Levels(p, end, ref f, output, Side.Ask);
                if (p < end && (uint)(*p - '0') <= 9) return Number(p, end, ref f, FieldBits.AggId, out f.AggId);
                return DecimalText(p, end, ref f, FieldBits.Asks, out f.Ask);
            case (byte)'m': return Boolean(p, end, ref f);
            default: return JsonText.SkipScalar(p, end);
        }
    }

    // From the first byte of a key longer than one character.
    private byte* LongField(byte* k, byte* end, ref ScanFields f, MarketEventBuffer output)
    {
        byte* q = JsonText.SkipString(k, end);
        if (q == null || end - q < 2 || q[1] != (byte)':') return null;
        byte* v = q + 2;
        switch (q - k)
        {
            case 2:
                if (JsonText.Read16(k) == Pu) return Number(v, end, ref f, FieldBits.PrevId, out f.PrevId);
                if (k[0] == (byte)'i' && k[1] == (byte)'d') return null; // a control reply
                break;
            case 4:
                uint word = JsonText.Read32(k);
                if (word == Bids) return v < end && *v == (byte)'[' ? Levels(v, end, ref f, output, Side.Bid) : null;
                if (word == Asks) return v < end && *v == (byte)'[' ? Levels(v, end, ref f, output, Side.Ask) : null;
                if (k[0] == (byte)'d') return null; // "data" inside the payload, or before "stream"
                break;
            case 5 or 6:
                if (JsonText.Read32(k) == Symb && JsonText.Read16(k + 4) == Ol) return SymbolName(v, end, ref f);
                if (k[0] is (byte)'s' or (byte)'r' or (byte)'e') return null; // "stream", "result", "error"
                break;
            case 12:
                if (JsonText.Read64(k) == LastUpda && JsonText.Read32(k + 8) == TeId)
                    return Number(v, end, ref f, FieldBits.LastUpdateId, out f.LastUpdateId);
                break;
        }
        return JsonText.SkipScalar(v, end);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* Number(byte* p, byte* end, ref ScanFields f, FieldBits bit, out long value)
    {
        value = 0;
        if ((f.Has & bit) != 0) return null; // a repeated key: the reader keeps the last one
        f.Has |= bit;
        return SimdNumber.Integer(p, end, out value);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte* DecimalText(byte* p, byte* end, ref ScanFields f, FieldBits bit, out byte* text)
    {
        text = null;
        if ((f.Has & bit) != 0 || p >= end || *p != (byte)'"') return null;
        f.Has |= bit;
        text = p + 1;
        byte* q = JsonText.SkipString(text, end);
        return q == null ? null : q + 1;
    }

    private static byte* EventType(byte* p, byte* end, ref ScanFields f)
    {
        if ((f.Has & FieldBits.EventType) != 0 || p >= end || *p != (byte)'"') return null;
        f.Has |= FieldBits.EventType;
        byte* s = p + 1;
        byte* q = JsonText.SkipString(s, end);
        if (q == null) return null;
        switch (q - s)
        {
            case 11 when JsonText.Read64(s) == DepthUpd && JsonText.Read32(s + 7) == Date: f.Event = ScanEvent.Depth; break;
            case 10 when JsonText.Read64(s) == BookTick && JsonText.Read16(s + 8) == Er: f.Event = ScanEvent.BookTicker; break;
            case 5 when JsonText.Read32(s) == Trad && s[4] == (byte)'e': f.Event = ScanEvent.Trade; break;
            case 8 when JsonText.Read64(s) == AggTrade: f.Event = ScanEvent.AggTrade; break;
            default: return null; // serverShutdown, kline, ...: rare, the reader path handles them
        }
        return q + 1;
    }

    private static byte* SymbolName(byte* p, byte* end, ref ScanFields f)
    {
        // After the levels were written with another symbol's scales, or repeated ("s" and "symbol"): reader path.
        if ((f.Has & FieldBits.Symbol) != 0 || f.Mode != LevelMode.None || p >= end || *p != (byte)'"') return null;
        f.Has |= FieldBits.Symbol;
        f.Symbol = p + 1;
        byte* q = JsonText.SkipString(f.Symbol, end);
        if (q == null) return null;
        f.SymbolLength = (int)(q - f.Symbol);
        return q + 1;
    }

    private static byte* Boolean(byte* p, byte* end, ref ScanFields f)
    {
        if ((f.Has & FieldBits.BuyerMaker) != 0) return null;
        f.Has |= FieldBits.BuyerMaker;
        if (end - p >= 4 && JsonText.Read32(p) == JsonText.True)
        {
            f.BuyerIsMaker = true;
            return p + 4;
        }
        return end - p >= 5 && *p == (byte)'f' && JsonText.Read32(p + 1) == JsonText.Alse ? p + 5 : null;
    }
}
