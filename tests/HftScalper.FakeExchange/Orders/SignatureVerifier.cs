using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;

namespace HftScalper.FakeExchange.Orders;

/// <summary>
/// Checks requests as Binance does: the API key is known (-2014 missing/malformed, -2015 unknown), the signature
/// matches (-1022) — HMAC-SHA256 lowercase hex, or Ed25519 base64 (percent-encoded on REST) — over the REST payload
/// (query string concatenated with the body, <c>signature</c> removed) or the WebSocket API payload (params but
/// <c>signature</c>, sorted by name, <c>k=v&amp;...</c>), and <c>timestamp</c> lies within <c>recvWindow</c> (-1021).
/// </summary>
public sealed class SignatureVerifier
{
    private readonly Dictionary<string, (FakeApiKey Key, PublicKey? Ed25519)> _keys = new(StringComparer.Ordinal);

    /// <summary>Loads the keys (PEM parsed once).</summary>
    public SignatureVerifier(IEnumerable<FakeApiKey> keys)
    {
        foreach (var k in keys)
        {
            PublicKey? ed = null;
            if (k.Ed25519PublicKeyPem is { } pem)
                ed = PublicKey.Import(SignatureAlgorithm.Ed25519, Encoding.ASCII.GetBytes(pem.Trim() + "\n"), KeyBlobFormat.PkixPublicKeyText);
            _keys[k.ApiKey] = (k, ed);
        }
    }

    /// <summary>Whether <paramref name="apiKey"/> has an Ed25519 key (the only kind <c>session.logon</c> accepts).</summary>
    public bool IsEd25519(string apiKey) => _keys.TryGetValue(apiKey, out var k) && k.Ed25519 is not null;

    /// <summary>Checks the key and the signature of a REST request.</summary>
    public ApiError? VerifyRest(string? apiKey, string rawQuery, string rawBody)
    {
        string query = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        string? signature = TakeSignature(ref query) ?? TakeSignature(ref rawBody);
        if (signature is null) return ApiError.Missing("signature");
        return Verify(apiKey, query + rawBody, WebUtility.UrlDecode(signature));
    }

    /// <summary>Checks the key and the signature of WebSocket API params (values as sent: strings unquoted).</summary>
    public ApiError? VerifyWs(IReadOnlyDictionary<string, string> p)
    {
        if (!p.TryGetValue("signature", out var signature) || signature.Length == 0) return ApiError.Missing("signature");
        string payload = string.Join('&', p.Where(kv => kv.Key != "signature").OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value));
        return Verify(p.TryGetValue("apiKey", out var key) ? key : null, payload, signature);
    }

    /// <summary>Checks <c>timestamp</c> (ms, or µs when 16 digits) and <c>recvWindow</c> (default 5000, at most 60000).</summary>
    public static ApiError? CheckTimestamp(IReadOnlyDictionary<string, string> p, long nowMs)
    {
        if (!OrderEngine.TryLong(p, "timestamp", out long ts)) return ApiError.Missing("timestamp");
        if (ts > 100_000_000_000_000) ts /= 1000;
        double window = 5000;
        if (p.TryGetValue("recvWindow", out var w))
        {
            if (!double.TryParse(w, NumberStyles.Float, CultureInfo.InvariantCulture, out window)) return ApiError.Illegal("recvWindow");
            if (window > 60_000) return new ApiError(400, -1131, "recvWindow must be less than 60000");
        }
        if (ts > nowMs + 1000) return ApiError.TimestampAhead;
        if (nowMs - ts > window) return ApiError.TimestampOutside;
        return null;
    }

    /// <summary>Known, well-formed API key check without a signature (USER_STREAM endpoints).</summary>
    public ApiError? CheckKey(string? apiKey) =>
        string.IsNullOrEmpty(apiKey) ? ApiError.ApiKeyFormat : _keys.ContainsKey(apiKey) ? null : ApiError.InvalidApiKey;

    private ApiError? Verify(string? apiKey, string payload, string signature)
    {
        if (CheckKey(apiKey) is { } keyError) return keyError;
        var (key, ed) = _keys[apiKey!];
        byte[] data = Encoding.ASCII.GetBytes(payload);
        if (key.HmacSecret is { } secret)
        {
            string hex = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(secret), data));
            if (string.Equals(hex, signature, StringComparison.OrdinalIgnoreCase)) return null;
        }
        if (ed is not null)
        {
            byte[] sig;
            try { sig = Convert.FromBase64String(signature); }
            catch (FormatException) { return ApiError.BadSignature; }
            if (SignatureAlgorithm.Ed25519.Verify(ed, data, sig)) return null;
        }
        return ApiError.BadSignature;
    }

    // Removes the signature parameter from a raw k=v&... string and returns its (still encoded) value.
    private static string? TakeSignature(ref string raw)
    {
        var parts = raw.Split('&');
        int at = Array.FindIndex(parts, s => s.StartsWith("signature=", StringComparison.Ordinal));
        if (at < 0) return null;
        string value = parts[at]["signature=".Length..];
        raw = string.Join('&', parts.Where((_, i) => i != at));
        return value;
    }
}
