using System.Buffers;
using System.Text;
using System.Text.Json;

namespace HftScalper.Binance.WsApi;

/// <summary>
/// The <c>params</c> object of one WebSocket API request, in the order added. Values are ASCII: strings are sent as
/// JSON strings (Binance's DECIMAL values such as <c>"0.00100"</c>, enums, ids) and longs as JSON numbers
/// (<c>timestamp</c>, <c>orderId</c>, <c>recvWindow</c>). The signature payload is every param but
/// <c>signature</c>, sorted by name (ordinal), joined <c>name=value&amp;...</c>.
/// </summary>
/// <remarks>One instance per request: <see cref="WsApiClient"/> adds <c>timestamp</c>, <c>apiKey</c> and
/// <c>signature</c> to it when it sends a signed request.</remarks>
public sealed class WsApiParams
{
    private readonly List<(string Name, string Value, bool Quoted)> _items = new(12);

    /// <summary>Number of params.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a string param.</summary>
    public WsApiParams Add(string name, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        _items.Add((name, value, true));
        return this;
    }

    /// <summary>Adds a number param.</summary>
    public WsApiParams Add(string name, long value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _items.Add((name, value.ToString(System.Globalization.CultureInfo.InvariantCulture), false));
        return this;
    }

    /// <summary>Adds a string param when <paramref name="value"/> is not null or empty.</summary>
    public WsApiParams AddOptional(string name, string? value) => string.IsNullOrEmpty(value) ? this : Add(name, value);

    /// <summary>Adds a number param when <paramref name="value"/> has a value.</summary>
    public WsApiParams AddOptional(string name, long? value) => value is { } v ? Add(name, v) : this;

    /// <summary>Whether a param of that name is present.</summary>
    public bool Contains(string name)
    {
        foreach (var item in _items)
            if (item.Name == name) return true;
        return false;
    }

    /// <summary>The value of a param, or null.</summary>
    public string? Get(string name)
    {
        foreach (var item in _items)
            if (item.Name == name) return item.Value;
        return null;
    }

    /// <summary>The signature payload: params but <c>signature</c>, sorted by name, <c>k=v&amp;...</c>, as ASCII.</summary>
    public byte[] SignaturePayload()
    {
        var sorted = new List<(string Name, string Value, bool Quoted)>(_items.Count);
        foreach (var item in _items)
            if (item.Name != "signature") sorted.Add(item);
        sorted.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
        var sb = new StringBuilder(128);
        for (int i = 0; i < sorted.Count; i++)
        {
            if (i > 0) sb.Append('&');
            sb.Append(sorted[i].Name).Append('=').Append(sorted[i].Value);
        }
        return Encoding.ASCII.GetBytes(sb.ToString());
    }

    internal void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartObject("params");
        foreach (var (name, value, quoted) in _items)
        {
            if (quoted) writer.WriteString(name, value);
            else
            {
                writer.WritePropertyName(name);
                writer.WriteRawValue(value, skipInputValidation: true);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>The request text, for tests and logs (callers must redact <c>apiKey</c>/<c>signature</c> before logging).</summary>
    internal static void WriteRequest(IBufferWriter<byte> buffer, long id, string method, WsApiParams? p)
    {
        using var writer = new Utf8JsonWriter(buffer);
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, id);
        writer.WriteString("method"u8, method);
        if (p is { Count: > 0 }) p.WriteTo(writer);
        writer.WriteEndObject();
    }
}
