using System.Runtime.CompilerServices;
using System.Text.Json;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Walks one JSON object with <see cref="Utf8JsonReader"/> and fills <see cref="MessageFields"/>. Unknown fields
/// are skipped; a known field of the wrong type rejects the message. Malformed JSON makes the reader throw
/// <see cref="JsonException"/>, which <see cref="BinanceParser"/> catches at the message boundary.
/// </summary>
internal static class FieldScanner
{
    public static ParseResult Scan(ReadOnlySpan<byte> json, ref MessageFields f)
    {
        var r = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 16 });
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject) return ParseResult.InvalidJson;
        while (true)
        {
            if (!r.Read()) return ParseResult.InvalidJson;
            if (r.TokenType == JsonTokenType.EndObject) break;
            bool escaped = r.ValueIsEscaped;
            ReadOnlySpan<byte> name = r.ValueSpan;
            if (!r.Read()) return ParseResult.InvalidJson;
            var res = escaped ? Skip(ref r) : Field(name, ref r, ref f, json);
            if (res != ParseResult.Events) return res;
        }
        // Anything after the closing brace other than whitespace makes Read throw: a frame is one object.
        return r.Read() ? ParseResult.InvalidJson : ParseResult.Events;
    }

    private static ParseResult Field(ReadOnlySpan<byte> name, ref Utf8JsonReader r, ref MessageFields f, ReadOnlySpan<byte> json)
    {
        if (name.Length == 1)
        {
            switch (name[0])
            {
                case (byte)'e': return Str(ref r, ref f.EventType, ref f.Has, FieldBits.EventType);
                case (byte)'E': return Num(ref r, ref f.EventTime, ref f.Has, FieldBits.EventTime);
                case (byte)'T': return Num(ref r, ref f.TransactTime, ref f.Has, FieldBits.TransactTime);
                case (byte)'s': return Str(ref r, ref f.Symbol, ref f.Has, FieldBits.Symbol);
                case (byte)'U': return Num(ref r, ref f.FirstId, ref f.Has, FieldBits.FirstId);
                case (byte)'u': return Num(ref r, ref f.FinalId, ref f.Has, FieldBits.FinalId);
                case (byte)'B': return Str(ref r, ref f.BidQty, ref f.Has, FieldBits.BidQty);
                case (byte)'A': return Str(ref r, ref f.AskQty, ref f.Has, FieldBits.AskQty);
                case (byte)'p': return Str(ref r, ref f.Price, ref f.Has, FieldBits.Price);
                case (byte)'q': return Str(ref r, ref f.Qty, ref f.Has, FieldBits.Qty);
                case (byte)'t': return Num(ref r, ref f.TradeId, ref f.Has, FieldBits.TradeId);
                case (byte)'f': return Num(ref r, ref f.FirstTradeId, ref f.Has, FieldBits.FirstTradeId);
                case (byte)'b': return StrOrArray(ref r, json, ref f.Bids, ref f.BidsType, ref f.Has, FieldBits.Bids);
                case (byte)'a':
                    // "a" is the asks array (depth), the best ask (bookTicker) or the aggregate trade id (aggTrade).
                    if (r.TokenType == JsonTokenType.Number) return Num(ref r, ref f.AggId, ref f.Has, FieldBits.AggId);
                    return StrOrArray(ref r, json, ref f.Asks, ref f.AsksType, ref f.Has, FieldBits.Asks);
                case (byte)'m':
                    if (r.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return ParseResult.WrongType;
                    f.BuyerIsMaker = r.TokenType == JsonTokenType.True;
                    f.Has |= FieldBits.BuyerMaker;
                    return ParseResult.Events;
                default: return Skip(ref r);
            }
        }
        if (name.SequenceEqual("pu"u8)) return Num(ref r, ref f.PrevId, ref f.Has, FieldBits.PrevId);
        if (name.SequenceEqual("data"u8))
        {
            if (r.TokenType != JsonTokenType.StartObject) return ParseResult.WrongType;
            int start = (int)r.TokenStartIndex;
            r.Skip();
            f.Data = json[start..(int)r.BytesConsumed];
            f.Has |= FieldBits.Data;
            return ParseResult.Events;
        }
        if (name.SequenceEqual("stream"u8)) return Str(ref r, ref f.Stream, ref f.Has, FieldBits.Stream);
        if (name.SequenceEqual("bids"u8)) return Array(ref r, json, ref f.Bids, ref f.BidsType, ref f.Has, FieldBits.Bids);
        if (name.SequenceEqual("asks"u8)) return Array(ref r, json, ref f.Asks, ref f.AsksType, ref f.Has, FieldBits.Asks);
        if (name.SequenceEqual("lastUpdateId"u8)) return Num(ref r, ref f.LastUpdateId, ref f.Has, FieldBits.LastUpdateId);
        if (name.SequenceEqual("symbol"u8)) return Str(ref r, ref f.Symbol, ref f.Has, FieldBits.Symbol);
        if (name.SequenceEqual("id"u8) || name.SequenceEqual("result"u8) || name.SequenceEqual("error"u8))
        {
            f.Has |= FieldBits.Control;
            return Skip(ref r);
        }
        return Skip(ref r);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseResult Num(ref Utf8JsonReader r, ref long value, ref FieldBits has, FieldBits bit)
    {
        if (r.TokenType != JsonTokenType.Number) return ParseResult.WrongType;
        if (!r.TryGetInt64(out value) || value < 0) return ParseResult.BadNumber;
        has |= bit;
        return ParseResult.Events;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ParseResult Str(ref Utf8JsonReader r, ref ReadOnlySpan<byte> value, ref FieldBits has, FieldBits bit)
    {
        // Binance never escapes inside these strings; an escaped one is not a value we can slice.
        if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return ParseResult.WrongType;
        value = r.ValueSpan;
        has |= bit;
        return ParseResult.Events;
    }

    private static ParseResult StrOrArray(ref Utf8JsonReader r, ReadOnlySpan<byte> json, ref ReadOnlySpan<byte> value,
        ref JsonTokenType type, ref FieldBits has, FieldBits bit)
    {
        if (r.TokenType == JsonTokenType.String)
        {
            type = JsonTokenType.String;
            return Str(ref r, ref value, ref has, bit);
        }
        return Array(ref r, json, ref value, ref type, ref has, bit);
    }

    private static ParseResult Array(ref Utf8JsonReader r, ReadOnlySpan<byte> json, ref ReadOnlySpan<byte> value,
        ref JsonTokenType type, ref FieldBits has, FieldBits bit)
    {
        if (r.TokenType != JsonTokenType.StartArray) return ParseResult.WrongType;
        int start = (int)r.TokenStartIndex;
        r.Skip();
        value = json[start..(int)r.BytesConsumed];
        type = JsonTokenType.StartArray;
        has |= bit;
        return ParseResult.Events;
    }

    private static ParseResult Skip(ref Utf8JsonReader r)
    {
        r.Skip();
        return ParseResult.Events;
    }
}
