using System.Text.Json;

namespace HftScalper.Recording.Replay;

/// <summary>
/// The finest price and quantity decimals a symbol's Binance messages use (depth diffs, REST snapshots, trades, book
/// tickers), for a symbol whose exchange filters are unknown: every price is a multiple of the tick and every quantity
/// of the lot step, so over a recording the finest decimals seen are the scales its values parse at without loss, and
/// usually far coarser than the generic 10^-8 (which makes quote amounts too fine for 64-bit account units).
/// </summary>
internal sealed class ObservedScales
{
    /// <summary>Most significant fraction digits of any price seen (-1 = none seen).</summary>
    public int PriceDecimals { get; private set; } = -1;

    /// <summary>Most significant fraction digits of any quantity seen (-1 = none seen).</summary>
    public int QuantityDecimals { get; private set; } = -1;

    /// <summary>Whether both a price and a quantity were seen.</summary>
    public bool Complete => PriceDecimals >= 0 && QuantityDecimals >= 0;

    /// <summary>
    /// Reads one message: level arrays (<c>b</c>/<c>a</c>/<c>bids</c>/<c>asks</c>: [price, quantity] pairs) and the
    /// string fields <c>p</c>/<c>b</c>/<c>a</c> (prices) and <c>q</c>/<c>B</c>/<c>A</c> (quantities). A message that is not
    /// JSON is skipped (the replay reports it).
    /// </summary>
    public void Add(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        // Inside a level array: which element of the current [price, quantity] pair comes next (-1 = not in one).
        int pairIndex = -1, depth = 0, levelDepth = -1;
        Field pending = Field.None;
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        pending = reader.ValueTextEquals("p"u8) || reader.ValueTextEquals("b"u8) || reader.ValueTextEquals("a"u8) ? Field.Price
                            : reader.ValueTextEquals("q"u8) || reader.ValueTextEquals("B"u8) || reader.ValueTextEquals("A"u8) ? Field.Quantity
                            : reader.ValueTextEquals("bids"u8) || reader.ValueTextEquals("asks"u8) ? Field.Levels
                            : Field.None;
                        break;
                    case JsonTokenType.StartArray:
                        depth++;
                        if (levelDepth < 0 && pending is Field.Price or Field.Levels) levelDepth = depth;
                        else if (levelDepth >= 0 && depth == levelDepth + 1) pairIndex = 0;
                        pending = Field.None;
                        break;
                    case JsonTokenType.EndArray:
                        if (depth == levelDepth) levelDepth = -1;
                        else if (levelDepth >= 0 && depth == levelDepth + 1) pairIndex = -1;
                        depth--;
                        break;
                    case JsonTokenType.String:
                        if (pairIndex >= 0)
                        {
                            if (pairIndex == 0) PriceDecimals = Math.Max(PriceDecimals, Decimals(reader.ValueSpan));
                            else if (pairIndex == 1) QuantityDecimals = Math.Max(QuantityDecimals, Decimals(reader.ValueSpan));
                            pairIndex++;
                        }
                        else if (pending == Field.Price) PriceDecimals = Math.Max(PriceDecimals, Decimals(reader.ValueSpan));
                        else if (pending == Field.Quantity) QuantityDecimals = Math.Max(QuantityDecimals, Decimals(reader.ValueSpan));
                        pending = Field.None;
                        break;
                    default:
                        pending = Field.None;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Malformed: what was read so far stands; the replay counts the message.
        }
    }

    /// <summary>Takes in what <paramref name="other"/> saw (another file of the same symbol).</summary>
    public void Merge(ObservedScales other)
    {
        PriceDecimals = Math.Max(PriceDecimals, other.PriceDecimals);
        QuantityDecimals = Math.Max(QuantityDecimals, other.QuantityDecimals);
    }

    /// <summary>Notes one price written as <paramref name="text"/> (a CSV column).</summary>
    public void AddPrice(ReadOnlySpan<byte> text) => PriceDecimals = Math.Max(PriceDecimals, Decimals(text));

    /// <summary>Notes one quantity written as <paramref name="text"/> (a CSV column).</summary>
    public void AddQuantity(ReadOnlySpan<byte> text) => QuantityDecimals = Math.Max(QuantityDecimals, Decimals(text));

    /// <summary>Significant fraction digits of a decimal string ("35.69000000" = 2, "100" = 0); -1 when it is not a
    /// plain non-negative decimal.</summary>
    internal static int Decimals(ReadOnlySpan<byte> text)
    {
        if (text.IsEmpty) return -1;
        int dot = -1;
        for (int i = 0; i < text.Length; i++)
        {
            byte c = text[i];
            if (c == (byte)'.' && dot < 0) dot = i;
            else if (c < (byte)'0' || c > (byte)'9') return -1;
        }
        if (dot < 0) return 0;
        int last = text.Length - 1;
        while (last > dot && text[last] == (byte)'0') last--;
        return last - dot;
    }

    private enum Field : byte { None, Price, Quantity, Levels }
}
