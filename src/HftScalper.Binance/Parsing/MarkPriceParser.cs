using System.Text.Json;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// Parses Binance USD-M's <c>markPriceUpdate</c> payload, raw or in a combined-stream envelope
/// (<c>{"stream":"btcusdt@markPrice@1s","data":{...}}</c>), without allocating: a <see cref="Utf8JsonReader"/> over the
/// bytes and fixed-point decimals. Documented payload (Binance "Mark Price Stream"):
/// <code>{"e":"markPriceUpdate","E":1562305380000,"s":"BTCUSDT","p":"11794.15000000","i":"11784.62659091",
///  "P":"11784.25641265","r":"0.00038167","T":1562306400000}</code>
/// </summary>
public static class MarkPriceParser
{
    /// <summary>
    /// True when <paramref name="json"/> is a well-formed <c>markPriceUpdate</c> with a positive mark price;
    /// <paramref name="symbol"/> is the range of the <c>s</c> value's bytes in <paramref name="json"/> (no copy).
    /// False on anything else (another event, malformed JSON, a bad number): never throws.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> json, out MarkPriceUpdate update, out Range symbol)
    {
        update = default;
        symbol = default;
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            return ReadObject(ref reader, json, out update, out symbol);
        }
        catch (JsonException)
        {
            return false; // malformed: the caller counts it
        }
    }

    private static bool ReadObject(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, out MarkPriceUpdate update, out Range symbol)
    {
        update = default;
        symbol = default;
        bool isMark = false;
        long eventTime = 0, mark = 0, index = 0, settle = 0, rate = 0, next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (!reader.Read()) return false;
            if (name.SequenceEqual("data"u8) && reader.TokenType == JsonTokenType.StartObject)
                return ReadObject(ref reader, json, out update, out symbol); // combined-stream envelope
            if (name.Length != 1)
            {
                reader.TrySkip();
                continue;
            }
            switch (name[0])
            {
                case (byte)'e': isMark = reader.ValueTextEquals("markPriceUpdate"u8); break;
                case (byte)'E': if (!reader.TryGetInt64(out eventTime)) return false; break;
                case (byte)'T': if (!reader.TryGetInt64(out next)) return false; break;
                case (byte)'s':
                    if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
                    int start = (int)reader.TokenStartIndex + 1; // after the opening quote
                    symbol = new Range(start, start + reader.ValueSpan.Length);
                    break;
                case (byte)'p': if (!Decimal(ref reader, out mark, false)) return false; break;
                case (byte)'i': if (!Decimal(ref reader, out index, false)) return false; break;
                case (byte)'P': if (!Decimal(ref reader, out settle, false)) return false; break;
                case (byte)'r': if (!Decimal(ref reader, out rate, true)) return false; break;
                default: reader.TrySkip(); break;
            }
        }
        if (!isMark || mark <= 0 || symbol.Equals(default(Range))) return false;
        update = new MarkPriceUpdate(eventTime, mark, index, settle, rate, next);
        return true;
    }

    private static bool Decimal(ref Utf8JsonReader reader, out long value, bool signed)
    {
        value = 0;
        if (reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped) return false;
        // An empty string (the settle price outside the settlement hour on some payloads) reads as 0.
        return reader.ValueSpan.Length == 0
            || FixedPoint.TryParse(reader.ValueSpan, MarkPriceUpdate.Decimals, out value, signed) == FixedPointStatus.Ok;
    }
}
