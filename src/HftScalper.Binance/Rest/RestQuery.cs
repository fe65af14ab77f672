using System.Globalization;
using System.Text;

namespace HftScalper.Binance.Rest;

/// <summary>
/// A query string built in sent order (<c>a=1&amp;b=2</c>), values percent-encoded (RFC 3986 unreserved kept). For
/// signed requests the encoded string is exactly the signature payload, so what is signed is what is sent.
/// </summary>
public sealed class RestQuery
{
    private readonly StringBuilder _text = new(160);

    /// <summary>Appends <c>name=value</c> (value percent-encoded). Null values are skipped.</summary>
    public RestQuery Add(string name, string? value)
    {
        if (value is null) return this;
        if (_text.Length > 0) _text.Append('&');
        _text.Append(name).Append('=').Append(Uri.EscapeDataString(value));
        return this;
    }

    /// <summary>Appends an integer parameter.</summary>
    public RestQuery Add(string name, long value) => Add(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>Appends an integer parameter when it has a value.</summary>
    public RestQuery Add(string name, long? value) => value is { } v ? Add(name, v) : this;

    /// <summary>Appends <c>true</c>/<c>false</c> when it has a value.</summary>
    public RestQuery Add(string name, bool? value) => value is { } v ? Add(name, v ? "true" : "false") : this;

    /// <summary>True when nothing was added.</summary>
    public bool IsEmpty => _text.Length == 0;

    /// <summary>A copy (the signed variant appends to a copy so a re-send can re-sign).</summary>
    public RestQuery Clone()
    {
        var q = new RestQuery();
        q._text.Append(_text);
        return q;
    }

    /// <inheritdoc />
    public override string ToString() => _text.ToString();
}
