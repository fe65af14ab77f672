using System.Text.Json;

namespace HftScalper.Binance.UserData;

/// <summary>
/// The fields of one event object, collected in a single pass whatever their order. One-letter keys (Binance's
/// usual) index <see cref="OneLetter"/>; the few longer keys the events use have their own slots. Case matters:
/// <c>E</c> (event time) and <c>e</c> (event type) are different fields.
/// </summary>
internal ref struct EventFields
{
    public Span<JsonSlice> OneLetter; // indexed by the ASCII code of the key
    public JsonSlice Ps, Rp, ListenKey, Wb, Cw, Bc, Pa, Ep, Up, Mt;

    /// <summary>Reads the object starting at the reader's current token (StartObject). False on a non-object.</summary>
    public bool Collect(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.ValueSpan;
            if (!reader.Read()) return false;
            var value = JsonSlice.Read(ref reader);
            if (name.Length == 1 && name[0] < 128) OneLetter[name[0]] = value;
            else if (name.SequenceEqual("ps"u8)) Ps = value;
            else if (name.SequenceEqual("rp"u8)) Rp = value;
            else if (name.SequenceEqual("wb"u8)) Wb = value;
            else if (name.SequenceEqual("cw"u8)) Cw = value;
            else if (name.SequenceEqual("bc"u8)) Bc = value;
            else if (name.SequenceEqual("pa"u8)) Pa = value;
            else if (name.SequenceEqual("ep"u8)) Ep = value;
            else if (name.SequenceEqual("up"u8)) Up = value;
            else if (name.SequenceEqual("mt"u8)) Mt = value;
            else if (name.SequenceEqual("listenKey"u8)) ListenKey = value;
        }
        return reader.TokenType == JsonTokenType.EndObject;
    }

    public readonly JsonSlice this[char key] => OneLetter[key];
}
