namespace HftScalper.Binance.Auth;

/// <summary>The kinds of API key Binance accepts.</summary>
public enum BinanceKeyType
{
    /// <summary>Ed25519: recommended; the only kind that can <c>session.logon</c> on the WebSocket API.</summary>
    Ed25519,

    /// <summary>HMAC-SHA256 with a shared secret.</summary>
    Hmac,

    /// <summary>RSA (PKCS#1 v1.5, SHA-256).</summary>
    Rsa,
}
