using System.Text.Json;
using HftScalper.Core.Events;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.Parsing;

/// <summary>Parses a <c>[["price","qty"],...]</c> array slice into level events copied from a template.</summary>
internal static class LevelParser
{
    public static ParseResult Append(ReadOnlySpan<byte> array, Side side, int priceDecimals, int qtyDecimals,
        ref MarketEvent template, MarketEventBuffer output, int maxLevels, long maxQuantity, ref int levels)
    {
        var r = new Utf8JsonReader(array, new JsonReaderOptions { MaxDepth = 8 });
        r.Read(); // the scanner checked this slice starts with '['
        while (r.Read())
        {
            if (r.TokenType == JsonTokenType.EndArray) return ParseResult.Events;
            if (r.TokenType != JsonTokenType.StartArray) return ParseResult.WrongType;
            if (!r.Read() || r.TokenType == JsonTokenType.EndArray) return ParseResult.MissingField;
            if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return ParseResult.WrongType;
            var priceText = r.ValueSpan;
            if (!r.Read() || r.TokenType == JsonTokenType.EndArray) return ParseResult.MissingField;
            if (r.TokenType != JsonTokenType.String || r.ValueIsEscaped) return ParseResult.WrongType;
            var qtyText = r.ValueSpan;
            // Tolerate extra trailing elements in a level (skip them), as for unknown object fields.
            while (r.Read() && r.TokenType != JsonTokenType.EndArray) r.Skip();

            if (FastDecimal.TryParse(priceText, priceDecimals, out long price) != FixedPointStatus.Ok
                || FastDecimal.TryParse(qtyText, qtyDecimals, out long qty) != FixedPointStatus.Ok)
                return ParseResult.BadNumber;
            if (qty > maxQuantity) return ParseResult.QuantityTooLarge;
            if (++levels > maxLevels) return ParseResult.TooManyLevels;
            ref var e = ref output.Append();
            e = template;
            e.Side = side;
            e.Price = price;
            e.Quantity = qty;
        }
        return ParseResult.InvalidJson;
    }
}
