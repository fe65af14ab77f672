namespace HftScalper.Binance.Auth;

/// <summary>
/// Signs Binance request payloads (REST: the query string and body in sent order; WebSocket API: the params but
/// <c>signature</c>, sorted by name and joined <c>k=v&amp;...</c>). Implementations hold the key material and never
/// expose it: not in <see cref="object.ToString"/>, logs, exceptions or journals.
/// </summary>
public interface IRequestSigner
{
    /// <summary>The key type, which decides the signature encoding and whether <c>session.logon</c> is possible.</summary>
    BinanceKeyType KeyType { get; }

    /// <summary>The API key sent as <c>X-MBX-APIKEY</c> (REST) or <c>apiKey</c> (WebSocket API). Not a secret by
    /// Binance's rules, but still redacted in echoes.</summary>
    string ApiKey { get; }

    /// <summary>
    /// The signature of <paramref name="payload"/> (ASCII bytes) as Binance expects it before URL encoding:
    /// lowercase hex for HMAC-SHA256, base64 for Ed25519 and RSA. REST callers percent-encode base64 signatures.
    /// </summary>
    string Sign(ReadOnlySpan<byte> payload);
}
