using System.Security.Cryptography;
using System.Text;

namespace HftScalper.Binance.Auth;

/// <summary>
/// HMAC-SHA256 signer for Binance HMAC keys: the signature is the lowercase hex of HMAC-SHA256(secret, payload).
/// Holds the secret in a private array that is zeroed on <see cref="Dispose"/>; never prints it.
/// </summary>
/// <remarks>Thread-safe (uses the static one-shot <see cref="HMACSHA256.HashData(ReadOnlySpan{byte}, ReadOnlySpan{byte}, Span{byte})"/>).
/// Allocates only the returned 64-character string.</remarks>
internal sealed class HmacSha256Signer : IRequestSigner, IDisposable
{
    private readonly byte[] _secret;

    /// <summary>Creates a signer from the API key and the secret key Binance issued with it.</summary>
    /// <exception cref="ArgumentException">A key is empty.</exception>
    public HmacSha256Signer(string apiKey, string secretKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        if (string.IsNullOrEmpty(secretKey)) throw new ArgumentException("The HMAC secret key is empty.", nameof(secretKey));
        ApiKey = apiKey;
        _secret = Encoding.UTF8.GetBytes(secretKey);
    }

    /// <inheritdoc />
    public BinanceKeyType KeyType => BinanceKeyType.Hmac;

    /// <inheritdoc />
    public string ApiKey { get; }

    /// <inheritdoc />
    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, payload, mac);
        return Convert.ToHexStringLower(mac);
    }

    /// <summary>Zeroes the secret.</summary>
    public void Dispose() => CryptographicOperations.ZeroMemory(_secret);

    /// <inheritdoc />
    public override string ToString() => "HmacSha256Signer(apiKey=" + Core.Security.SecretRedactor.Mask + ")";
}
