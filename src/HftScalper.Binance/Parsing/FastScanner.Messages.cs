using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Parsing;

// Level arrays and the events of each message kind.
internal sealed unsafe partial class FastScanner
{
    private static readonly ushort OpenLevel = JsonText.Read16("[\""u8);
    private static readonly ushort Separator = JsonText.Read16("\","u8);
    private static readonly ushort CloseLevel = JsonText.Read16("\"]"u8);

    // From the '[' of a bids or asks array to just past its ']': one event per level, written as it is read.
    private byte* Levels(byte* p, byte* end, ref ScanFields f, MarketEventBuffer output, Side side)
    {
        var bit = side == Side.Bid ? FieldBits.Bids : FieldBits.Asks;
        if ((f.Has & bit) != 0) return null;
        f.Has |= bit;
        if (side == Side.Bid) f.BidsArray = true;
        else if (!f.BidsArray) return null; // asks first: the reader path keeps bids-first output
        else f.AsksArray = true;
        if (f.Mode == LevelMode.None && !PrepareLevels(ref f, end)) return null;

        p++;
        if (p < end && *p == (byte)']') return p + 1;
        int priceDecimals = f.Sym.PriceDecimals, quantityDecimals = f.Sym.QuantityDecimals;
        var items = output.Items;
        int n = output.Count;
        while (true)
        {
            if (end - p < 2 || JsonText.Read16(p) != OpenLevel) break;
            byte* q = SimdNumber.QuotedDecimal(p + 2, end, priceDecimals, out long price);
            if (q == null || end - q < 3 || JsonText.Read16(q) != Separator || q[2] != (byte)'"') break;
            byte* r = SimdNumber.QuotedDecimal(q + 3, end, quantityDecimals, out long quantity);
            if (r == null || end - r < 3 || JsonText.Read16(r) != CloseLevel || quantity > _maxQuantity) break;
            if (++f.LevelCount > _maxLevels) break;
            if (n == items.Length) items = output.GrowFor(n);
            ref var e = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(items), n++);
            e = f.Template;
            e.Side = side;
            e.Price = price;
            e.Quantity = quantity;
            byte c = r[2];
            p = r + 3;
            if (c == (byte)',') continue;
            if (c != (byte)']') break;
            output.SetCount(n);
            return p;
        }
        output.SetCount(n);
        return null;
    }

    // At the first level array: what the levels are, whose scales they use, and the fields they carry.
    private bool PrepareLevels(ref ScanFields f, byte* end)
    {
        if ((f.Has & FieldBits.LastUpdateId) != 0) f.Mode = LevelMode.Snapshot;
        else if (f.Event == ScanEvent.Depth) f.Mode = LevelMode.Depth;
        else return false;

        bool found;
        if (f.Mode == LevelMode.Snapshot && f.FrameSymbol >= 0) found = _symbols.TryGetById(f.FrameSymbol, out f.Sym);
        else if ((f.Has & FieldBits.Symbol) != 0) found = _symbols.TryFind(f.Symbol, f.SymbolLength, end, out f.Sym);
        else if (f.Mode == LevelMode.Snapshot && f.Stream != null)
        {
            // A partial-depth stream names its symbol only in the stream name ("btcusdt@depth20").
            int at = new ReadOnlySpan<byte>(f.Stream, f.StreamLength).IndexOf((byte)'@');
            found = at > 0 && _symbols.TryFind(f.Stream, at, end, out f.Sym);
        }
        else found = false;
        return found && BuildTemplate(ref f);
    }

    private bool BuildTemplate(ref ScanFields f)
    {
        if (!ExchangeTime(ref f, out long exchangeNs)) return false;
        var t = default(MarketEvent);
        t.SymbolId = f.Sym.Id;
        t.ExchangeTimeNs = exchangeNs;
        t.LocalTimeNs = f.LocalNs;
        t.Flags = _baseFlags;
        if (f.Mode == LevelMode.Snapshot)
        {
            t.Kind = MarketEventKind.SnapshotLevel;
            t.UpdateId = f.LastUpdateId;
        }
        else
        {
            t.Kind = MarketEventKind.BookDelta;
            t.UpdateId = f.FinalId;
            t.FirstUpdateId = f.FirstId;
            if ((f.Has & FieldBits.PrevId) != 0)
            {
                t.PrevUpdateId = f.PrevId;
                t.Flags |= MarketEventFlags.HasPrevUpdateId;
            }
        }
        f.Template = t;
        f.HeaderAtTemplate = f.Has & ScanFields.HeaderBits;
        return true;
    }

    private ParseResult Emit(ref ScanFields f, byte* end, MarketEventBuffer output)
    {
        // Same precedence as the reader: a snapshot id wins over the event type; a spot bookTicker has no "e".
        if ((f.Has & FieldBits.LastUpdateId) != 0)
            return f.Mode == LevelMode.Snapshot && f.AsksArray ? FinishLevels(ref f, output) : Fallback;
        switch (f.Event)
        {
            case ScanEvent.Depth:
                const FieldBits need = FieldBits.Symbol | FieldBits.FirstId | FieldBits.FinalId;
                return f.Mode == LevelMode.Depth && f.AsksArray && (f.Has & need) == need ? FinishLevels(ref f, output) : Fallback;
            case ScanEvent.BookTicker:
            case ScanEvent.None when (f.Has & FieldBits.FinalId) != 0:
                return BookTicker(ref f, end, output);
            case ScanEvent.Trade:
                return Trade(ref f, end, output, aggregate: false);
            case ScanEvent.AggTrade:
                return Trade(ref f, end, output, aggregate: true);
            default:
                return Fallback;
        }
    }

    private ParseResult FinishLevels(ref ScanFields f, MarketEventBuffer output)
    {
        if ((f.Has & ScanFields.HeaderBits) != f.HeaderAtTemplate)
        {
            // An id or a time came after the levels: rebuild the template and re-stamp them (keeping the levels).
            if (!BuildTemplate(ref f)) return Fallback;
            for (int i = f.Start; i < output.Count; i++)
            {
                ref var e = ref output.At(i);
                var level = e;
                e = f.Template;
                e.Side = level.Side;
                e.Price = level.Price;
                e.Quantity = level.Quantity;
            }
        }
        if (output.Count == f.Start)
        {
            // Still one event so the sync can chain update ids (and clear the book for an empty snapshot).
            ref var e = ref output.Append();
            e = f.Template;
            e.Flags |= MarketEventFlags.EmptyMessage;
        }
        output.At(output.Count - 1).Flags |= MarketEventFlags.LastInMessage;
        if (f.Mode == LevelMode.Snapshot) output.At(f.Start).Flags |= MarketEventFlags.SnapshotStart;
        return ParseResult.Events;
    }

    private ParseResult BookTicker(ref ScanFields f, byte* end, MarketEventBuffer output)
    {
        const FieldBits need = FieldBits.Symbol | FieldBits.FinalId | FieldBits.Bids | FieldBits.Asks | FieldBits.BidQty | FieldBits.AskQty;
        if ((f.Has & need) != need || f.BidsArray || f.AsksArray) return Fallback;
        if (!_symbols.TryFind(f.Symbol, f.SymbolLength, end, out var sym) || !ExchangeTime(ref f, out long exchangeNs)) return Fallback;
        if (SimdNumber.QuotedDecimal(f.Bid, end, sym.PriceDecimals, out long bid) == null
            || SimdNumber.QuotedDecimal(f.BidQty, end, sym.QuantityDecimals, out long bidQty) == null
            || SimdNumber.QuotedDecimal(f.Ask, end, sym.PriceDecimals, out long ask) == null
            || SimdNumber.QuotedDecimal(f.AskQty, end, sym.QuantityDecimals, out long askQty) == null
            || bidQty > _maxQuantity || askQty > _maxQuantity)
            return Fallback;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.TopOfBook;
        e.SymbolId = sym.Id;
        e.ExchangeTimeNs = exchangeNs;
        e.LocalTimeNs = f.LocalNs;
        e.Price = bid;
        e.Quantity = bidQty;
        e.AskPrice = ask;
        e.AskQuantity = askQty;
        e.UpdateId = f.FinalId;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage;
        LastIdKind = MessageIdFilter.IdKind.BookTicker;
        return ParseResult.Events;
    }

    private ParseResult Trade(ref ScanFields f, byte* end, MarketEventBuffer output, bool aggregate)
    {
        var need = FieldBits.Symbol | FieldBits.Price | FieldBits.Qty | (aggregate ? FieldBits.AggId : FieldBits.TradeId);
        if ((f.Has & need) != need) return Fallback;
        if (!_symbols.TryFind(f.Symbol, f.SymbolLength, end, out var sym) || !ExchangeTime(ref f, out long exchangeNs)) return Fallback;
        if (SimdNumber.QuotedDecimal(f.Price, end, sym.PriceDecimals, out long price) == null
            || SimdNumber.QuotedDecimal(f.Qty, end, sym.QuantityDecimals, out long quantity) == null
            || quantity > _maxQuantity)
            return Fallback;
        ref var e = ref output.Append();
        e.Kind = MarketEventKind.Trade;
        e.SymbolId = sym.Id;
        e.ExchangeTimeNs = exchangeNs;
        e.LocalTimeNs = f.LocalNs;
        e.Price = price;
        e.Quantity = quantity;
        e.UpdateId = aggregate ? f.AggId : f.TradeId;
        e.FirstUpdateId = aggregate && (f.Has & FieldBits.FirstTradeId) != 0 ? f.FirstTradeId : e.UpdateId;
        // m = buyer is maker: the seller crossed the spread, so the aggressor is on the ask side.
        e.Side = f.BuyerIsMaker ? Side.Ask : Side.Bid;
        e.Flags = _baseFlags | MarketEventFlags.LastInMessage | (f.BuyerIsMaker ? MarketEventFlags.BuyerIsMaker : 0);
        LastIdKind = aggregate ? MessageIdFilter.IdKind.AggTrade : MessageIdFilter.IdKind.Trade;
        return ParseResult.Events;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool ExchangeTime(ref ScanFields f, out long ns)
    {
        long t = (f.Has & FieldBits.EventTime) != 0 ? f.EventTime : (f.Has & FieldBits.TransactTime) != 0 ? f.TransactTime : 0;
        ns = t * _timeScale;
        return t <= long.MaxValue / _timeScale;
    }
}
