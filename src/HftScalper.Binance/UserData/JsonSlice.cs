using System.Buffers.Text;
using System.Text.Json;
using HftScalper.Core.Numerics;

namespace HftScalper.Binance.UserData;

/// <summary>Where one JSON value lies in a message: string contents without quotes, a number's text, or a whole
/// object/array. Lets a parser read fields in any order and convert them once the symbol (and its scales) is known.</summary>
internal struct JsonSlice
{
    public int Start;
    public int Length;
    public JsonTokenType Type;

    public readonly bool IsSet => Type != JsonTokenType.None;

    public readonly bool IsTrue => Type == JsonTokenType.True;

    public static JsonSlice Read(ref Utf8JsonReader reader)
    {
        var s = new JsonSlice { Type = reader.TokenType };
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                s.Start = (int)reader.TokenStartIndex + 1;
                s.Length = reader.ValueSpan.Length;
                break;
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                s.Start = (int)reader.TokenStartIndex;
                reader.Skip();
                s.Length = (int)reader.BytesConsumed - s.Start;
                break;
            default:
                s.Start = (int)reader.TokenStartIndex;
                s.Length = reader.ValueSpan.Length;
                break;
        }
        return s;
    }

    public readonly ReadOnlySpan<byte> Of(ReadOnlySpan<byte> json) => json.Slice(Start, Length);

    /// <summary>A long sent as a number or a numeric string.</summary>
    public readonly bool TryLong(ReadOnlySpan<byte> json, out long value)
    {
        value = 0;
        if (Type is not (JsonTokenType.Number or JsonTokenType.String)) return false;
        var text = Of(json);
        return Utf8Parser.TryParse(text, out value, out int used) && used == text.Length && text.Length > 0;
    }

    /// <summary>A decimal string (or number) scaled to an integer; absent reads as 0.</summary>
    public readonly bool TryScaled(ReadOnlySpan<byte> json, int decimals, out long value, bool allowNegative = false)
    {
        value = 0;
        if (!IsSet || Type == JsonTokenType.Null) return true;
        if (Type is not (JsonTokenType.Number or JsonTokenType.String)) return false;
        return FixedPoint.TryParse(Of(json), decimals, out value, allowNegative) == FixedPointStatus.Ok;
    }
}
