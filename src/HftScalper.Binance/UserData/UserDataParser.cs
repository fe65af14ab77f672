using System.Text.Json;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.UserData;

/// <summary>
/// Parses Binance user data events into typed records: spot <c>executionReport</c>, <c>outboundAccountPosition</c>,
/// <c>balanceUpdate</c>, <c>eventStreamTerminated</c> (bare or wrapped as the WebSocket API sends them,
/// <c>{"subscriptionId":0,"event":{...}}</c>) and USD-M <c>ORDER_TRADE_UPDATE</c>, <c>ACCOUNT_UPDATE</c>,
/// <c>listenKeyExpired</c>.
/// </summary>
/// <remarks>
/// <para>One <see cref="Utf8JsonReader"/> pass per object, no reflection. Prices and quantities become integers at the
/// symbol's scales when <see cref="SymbolRegistry"/> knows the symbol; a price off its grid or any broken field makes
/// the whole message <see cref="UserDataParseStatus.Malformed"/>: counted, logged (type and size, never the payload),
/// never thrown. Allocation: the record and its strings (user data is a few messages a second, not the market hot path).</para>
/// <para>Not thread-safe: one parser per receive loop.</para>
/// </remarks>
public sealed class UserDataParser
{
    private readonly SymbolRegistry? _symbols;
    private readonly Action<string>? _log;
    private readonly JsonSlice[] _top = new JsonSlice[128];
    private readonly JsonSlice[] _inner = new JsonSlice[128];
    private long _parsed;
    private long _ignored;
    private long _malformed;
    private long _unknownSymbols;

    /// <summary>Creates a parser.</summary>
    /// <param name="symbols">Symbols whose tick/lot scales apply (null: every symbol is unknown, scales are 8).</param>
    /// <param name="log">Sink for one line per malformed message (null: silent, still counted).</param>
    public UserDataParser(SymbolRegistry? symbols = null, Action<string>? log = null)
    {
        _symbols = symbols;
        _log = log;
    }

    /// <summary>Events produced.</summary>
    public long Parsed => Volatile.Read(ref _parsed);

    /// <summary>Well-formed events of types not used here (e.g. <c>listStatus</c>, <c>TRADE_LITE</c>).</summary>
    public long Ignored => Volatile.Read(ref _ignored);

    /// <summary>Messages that could not be parsed.</summary>
    public long Malformed => Volatile.Read(ref _malformed);

    /// <summary>Order reports and positions of symbols absent from the registry (parsed at scale 8).</summary>
    public long UnknownSymbols => Volatile.Read(ref _unknownSymbols);

    /// <summary>Parses one message. Never throws on bad input.</summary>
    public UserDataParseStatus TryParse(ReadOnlySpan<byte> json, out UserDataEvent? evt)
    {
        evt = null;
        string? why;
        try
        {
            why = ParseMessage(json, out evt);
        }
        catch (JsonException)
        {
            why = "invalid JSON";
        }
        if (why is null)
        {
            if (evt is null)
            {
                Interlocked.Increment(ref _ignored);
                return UserDataParseStatus.Ignored;
            }
            Interlocked.Increment(ref _parsed);
            return UserDataParseStatus.Parsed;
        }
        evt = null;
        long n = Interlocked.Increment(ref _malformed);
        _log?.Invoke($"binance user data: malformed message #{n} ({json.Length} bytes): {why}");
        return UserDataParseStatus.Malformed;
    }

    // Returns null on success (evt null = ignored type), else the reason.
    private string? ParseMessage(ReadOnlySpan<byte> json, out UserDataEvent? evt)
    {
        evt = null;
        var reader = new Utf8JsonReader(json);
        if (!reader.Read()) return "empty message";
        var fields = NewFields(_top);
        if (!fields.Collect(ref reader)) return "not a JSON object";
        // The WebSocket API wraps events: {"subscriptionId":0,"event":{...}}.
        var wrapped = default(JsonSlice);
        if (!fields['e'].IsSet && TryFindEvent(json, out wrapped))
        {
            if (wrapped.Type != JsonTokenType.StartObject) return "'event' is not an object";
            var inner = json.Slice(wrapped.Start, wrapped.Length);
            var r2 = new Utf8JsonReader(inner);
            r2.Read();
            fields = NewFields(_top);
            if (!fields.Collect(ref r2)) return "'event' is not an object";
            return ParseEvent(inner, ref fields, out evt);
        }
        return ParseEvent(json, ref fields, out evt);
    }

    private static bool TryFindEvent(ReadOnlySpan<byte> json, out JsonSlice slice)
    {
        slice = default;
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isEvent = reader.ValueSpan.SequenceEqual("event"u8);
            reader.Read();
            var value = JsonSlice.Read(ref reader);
            if (isEvent)
            {
                slice = value;
                return true;
            }
        }
        return false;
    }

    private string? ParseEvent(ReadOnlySpan<byte> json, ref EventFields f, out UserDataEvent? evt)
    {
        evt = null;
        var type = f['e'];
        if (type.Type != JsonTokenType.String) return "no event type 'e'";
        var e = type.Of(json);
        if (!f['E'].TryLong(json, out long eventTime)) return "no event time 'E'";
        if (e.SequenceEqual("executionReport"u8)) return OrderReport(json, ref f, UserDataMarket.Spot, eventTime, out evt);
        if (e.SequenceEqual("ORDER_TRADE_UPDATE"u8)) return FuturesOrder(json, ref f, eventTime, out evt);
        if (e.SequenceEqual("outboundAccountPosition"u8)) return AccountPosition(json, ref f, eventTime, out evt);
        if (e.SequenceEqual("balanceUpdate"u8)) return Balance(json, ref f, eventTime, out evt);
        if (e.SequenceEqual("ACCOUNT_UPDATE"u8)) return FuturesAccount(json, ref f, eventTime, out evt);
        if (e.SequenceEqual("eventStreamTerminated"u8))
        {
            evt = new StreamTerminated(eventTime);
            return null;
        }
        if (e.SequenceEqual("listenKeyExpired"u8))
        {
            evt = new ListenKeyExpired(eventTime);
            return null;
        }
        return null; // another event type: ignored
    }

    private string? FuturesOrder(ReadOnlySpan<byte> json, ref EventFields top, long eventTime, out UserDataEvent? evt)
    {
        evt = null;
        var o = top['o'];
        if (o.Type != JsonTokenType.StartObject) return "ORDER_TRADE_UPDATE without object 'o'";
        var slice = o.Of(json);
        var reader = new Utf8JsonReader(slice);
        reader.Read();
        var f = NewFields(_inner);
        if (!f.Collect(ref reader)) return "ORDER_TRADE_UPDATE 'o' unreadable";
        return OrderReport(slice, ref f, UserDataMarket.UsdM, eventTime, out evt);
    }

    private string? OrderReport(ReadOnlySpan<byte> json, ref EventFields f, UserDataMarket market, long eventTime, out UserDataEvent? evt)
    {
        evt = null;
        var s = f['s'];
        if (s.Type != JsonTokenType.String || s.Length == 0) return "order report without symbol 's'";
        if (f['c'].Type != JsonTokenType.String) return "order report without client order id 'c'";
        if (!f['i'].TryLong(json, out long orderId)) return "order report without order id 'i'";
        if (f['x'].Type != JsonTokenType.String || f['X'].Type != JsonTokenType.String) return "order report without 'x'/'X'";
        var side = WireText.ToSide(f['S'].Of(json));
        if (side == Core.Events.Side.None) return "order report with bad side 'S'";
        var (symbolName, symbolId, pd, qd) = Resolve(s.Of(json));
        const int a = UserDataEvent.AmountDecimals;
        if (!f['p'].TryScaled(json, pd, out long price)) return "price 'p' off the symbol's grid";
        if (!f['q'].TryScaled(json, qd, out long qty)) return "quantity 'q' off the symbol's grid";
        if (!f['l'].TryScaled(json, qd, out long lastQty)) return "last quantity 'l' off the grid";
        if (!f['L'].TryScaled(json, pd, out long lastPrice)) return "last price 'L' off the grid";
        if (!f['z'].TryScaled(json, qd, out long cumQty)) return "cumulative quantity 'z' off the grid";
        if (!f['Z'].TryScaled(json, a, out long cumQuote)) return "cumulative quote 'Z' unreadable";
        if (!f['n'].TryScaled(json, a, out long commission, allowNegative: true)) return "commission 'n' unreadable";
        if (!f.Rp.TryScaled(json, a, out long realized, allowNegative: true)) return "realized profit 'rp' unreadable";
        long tradeId = -1, txTime = 0;
        if (f['t'].IsSet && !f['t'].TryLong(json, out tradeId)) return "trade id 't' unreadable";
        if (f['T'].IsSet && !f['T'].TryLong(json, out txTime)) return "transaction time 'T' unreadable";
        evt = new OrderUpdate(eventTime)
        {
            Market = market,
            Symbol = symbolName ?? WireText.Text(s.Of(json)),
            SymbolId = symbolId,
            PriceDecimals = pd,
            QuantityDecimals = qd,
            ClientOrderId = WireText.Text(f['c'].Of(json)),
            OriginalClientOrderId = WireText.OptionalText(json, f['C']),
            OrderId = orderId,
            Side = side,
            OrderType = f['o'].Type == JsonTokenType.String ? WireText.Text(f['o'].Of(json)) : "",
            TimeInForce = f['f'].Type == JsonTokenType.String ? WireText.Text(f['f'].Of(json)) : "",
            ExecutionType = WireText.ToExecutionType(f['x'].Of(json)),
            Status = WireText.ToStatus(f['X'].Of(json)),
            Price = price,
            Quantity = qty,
            LastQuantity = lastQty,
            LastPrice = lastPrice,
            CumulativeQuantity = cumQty,
            CumulativeQuote = cumQuote,
            Commission = commission,
            CommissionAsset = WireText.OptionalText(json, f['N']),
            TradeId = tradeId,
            IsMaker = f['m'].IsTrue,
            TransactionTimeMs = txTime,
            RejectReason = WireText.OptionalText(json, f['r']),
            RealizedProfit = realized,
            ReduceOnly = f['R'].IsTrue,
            PositionSide = WireText.OptionalText(json, f.Ps),
        };
        return null;
    }

    private string? AccountPosition(ReadOnlySpan<byte> json, ref EventFields f, long eventTime, out UserDataEvent? evt)
    {
        evt = null;
        f['u'].TryLong(json, out long lastUpdate);
        var b = f['B'];
        if (b.Type != JsonTokenType.StartArray) return "outboundAccountPosition without array 'B'";
        var list = new List<AssetBalance>();
        var arr = b.Of(json);
        var reader = new Utf8JsonReader(arr);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var el = NewFields(_inner);
            if (!el.Collect(ref reader)) return "outboundAccountPosition balance is not an object";
            if (el['a'].Type != JsonTokenType.String) return "balance without asset 'a'";
            if (!el['f'].TryScaled(arr, UserDataEvent.AmountDecimals, out long free)
                || !el['l'].TryScaled(arr, UserDataEvent.AmountDecimals, out long locked))
                return "balance amount unreadable";
            list.Add(new AssetBalance(WireText.Text(el['a'].Of(arr)), free, locked));
        }
        evt = new AccountPositionUpdate(eventTime, lastUpdate, list);
        return null;
    }

    private static string? Balance(ReadOnlySpan<byte> json, ref EventFields f, long eventTime, out UserDataEvent? evt)
    {
        evt = null;
        if (f['a'].Type != JsonTokenType.String) return "balanceUpdate without asset 'a'";
        if (!f['d'].IsSet || !f['d'].TryScaled(json, UserDataEvent.AmountDecimals, out long delta, allowNegative: true))
            return "balanceUpdate delta 'd' unreadable";
        f['T'].TryLong(json, out long clear);
        evt = new BalanceDelta(eventTime, WireText.Text(f['a'].Of(json)), delta, clear);
        return null;
    }

    private string? FuturesAccount(ReadOnlySpan<byte> json, ref EventFields top, long eventTime, out UserDataEvent? evt)
    {
        evt = null;
        top['T'].TryLong(json, out long txTime);
        var a = top['a'];
        if (a.Type != JsonTokenType.StartObject) return "ACCOUNT_UPDATE without object 'a'";
        var body = a.Of(json);
        var reader = new Utf8JsonReader(body);
        reader.Read();
        var f = NewFields(_inner);
        if (!f.Collect(ref reader)) return "ACCOUNT_UPDATE 'a' unreadable";
        string reason = f['m'].Type == JsonTokenType.String ? WireText.Text(f['m'].Of(body)) : "";
        var balances = new List<FuturesBalanceChange>();
        var positions = new List<FuturesPositionChange>();
        // Element objects reuse the top buffer: 'a' is fully collected into _inner already.
        string? why = ReadBalances(body, f['B'], balances) ?? ReadPositions(body, f['P'], positions);
        if (why is not null) return why;
        evt = new FuturesAccountUpdate(eventTime, txTime, reason, balances, positions);
        return null;
    }

    private string? ReadBalances(ReadOnlySpan<byte> json, JsonSlice slice, List<FuturesBalanceChange> list)
    {
        if (!slice.IsSet) return null;
        if (slice.Type != JsonTokenType.StartArray) return "ACCOUNT_UPDATE 'B' is not an array";
        var arr = slice.Of(json);
        var reader = new Utf8JsonReader(arr);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var el = NewFields(_top);
            if (!el.Collect(ref reader)) return "ACCOUNT_UPDATE balance is not an object";
            string? why = FuturesBalanceOf(ref el, arr, list);
            if (why is not null) return why;
        }
        return null;
    }

    private string? ReadPositions(ReadOnlySpan<byte> json, JsonSlice slice, List<FuturesPositionChange> list)
    {
        if (!slice.IsSet) return null;
        if (slice.Type != JsonTokenType.StartArray) return "ACCOUNT_UPDATE 'P' is not an array";
        var arr = slice.Of(json);
        var reader = new Utf8JsonReader(arr);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var el = NewFields(_top);
            if (!el.Collect(ref reader)) return "ACCOUNT_UPDATE position is not an object";
            string? why = FuturesPositionOf(ref el, arr, list);
            if (why is not null) return why;
        }
        return null;
    }

    private static string? FuturesBalanceOf(ref EventFields el, ReadOnlySpan<byte> arr, List<FuturesBalanceChange> list)
    {
        const int a = UserDataEvent.AmountDecimals;
        if (el['a'].Type != JsonTokenType.String) return "ACCOUNT_UPDATE balance without asset 'a'";
        if (!el.Wb.TryScaled(arr, a, out long wb, true) || !el.Cw.TryScaled(arr, a, out long cw, true)
            || !el.Bc.TryScaled(arr, a, out long bc, true))
            return "ACCOUNT_UPDATE balance amount unreadable";
        list.Add(new FuturesBalanceChange(WireText.Text(el['a'].Of(arr)), wb, cw, bc));
        return null;
    }

    private string? FuturesPositionOf(ref EventFields el, ReadOnlySpan<byte> arr, List<FuturesPositionChange> list)
    {
        const int a = UserDataEvent.AmountDecimals;
        if (el['s'].Type != JsonTokenType.String) return "ACCOUNT_UPDATE position without symbol 's'";
        var (name, id, _, qd) = Resolve(el['s'].Of(arr));
        if (!el.Pa.TryScaled(arr, qd, out long amount, true)) return "ACCOUNT_UPDATE position amount 'pa' off the grid";
        if (!el.Ep.TryScaled(arr, a, out long entry) || !el.Up.TryScaled(arr, a, out long upnl, true))
            return "ACCOUNT_UPDATE position price/PnL unreadable";
        list.Add(new FuturesPositionChange(name ?? WireText.Text(el['s'].Of(arr)), id, qd, amount, entry, upnl,
            WireText.OptionalText(arr, el.Mt) ?? "", WireText.OptionalText(arr, el.Ps) ?? "BOTH"));
        return null;
    }

    private (string? Name, int Id, int PriceDecimals, int QuantityDecimals) Resolve(ReadOnlySpan<byte> symbol)
    {
        if (_symbols is not null && _symbols.TryGet(symbol, out var info) && info is not null)
            return (info.Name, info.Id, info.PriceDecimals, info.QuantityDecimals);
        Interlocked.Increment(ref _unknownSymbols);
        return (null, -1, UserDataEvent.AmountDecimals, UserDataEvent.AmountDecimals);
    }

    private static EventFields NewFields(JsonSlice[] buffer)
    {
        Array.Clear(buffer);
        return new EventFields { OneLetter = buffer };
    }
}
