using NSec.Cryptography;

namespace HftScalper.Binance.Auth;

/// <summary>
/// Ed25519 signer (NSec/libsodium): the signature is the base64 of the 64-byte Ed25519 signature of the payload.
/// The private key lives in an NSec <see cref="Key"/> that cannot be exported; it is released on <see cref="Dispose"/>.
/// </summary>
/// <remarks>Thread-safe. Allocates the signature string only.</remarks>
internal sealed class Ed25519Signer : IRequestSigner, IDisposable
{
    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;
    private readonly Key _key;

    private Ed25519Signer(string apiKey, Key key)
    {
        ApiKey = apiKey;
        _key = key;
    }

    /// <inheritdoc />
    public BinanceKeyType KeyType => BinanceKeyType.Ed25519;

    /// <inheritdoc />
    public string ApiKey { get; }

    /// <summary>The public key (32 raw bytes), to compare with the one registered at Binance.</summary>
    public ReadOnlySpan<byte> PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    /// <summary>Creates a signer from a PKCS#8 PEM private key (<c>-----BEGIN PRIVATE KEY-----</c>, as
    /// <c>openssl genpkey -algorithm ed25519</c> writes it).</summary>
    /// <exception cref="FormatException">The text is not an Ed25519 PKCS#8 private key (the message never quotes it).</exception>
    public static Ed25519Signer FromPem(string apiKey, ReadOnlySpan<char> pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        Span<byte> utf8 = pem.Length <= 4096 ? stackalloc byte[pem.Length] : new byte[pem.Length];
        try
        {
            for (int i = 0; i < pem.Length; i++)
            {
                if (pem[i] > 0x7F) throw new FormatException("The Ed25519 private key file is not ASCII PEM.");
                utf8[i] = (byte)pem[i];
            }
            return FromBlob(apiKey, utf8, KeyBlobFormat.PkixPrivateKeyText);
        }
        finally
        {
            System.Security.Cryptography.CryptographicOperations.ZeroMemory(utf8);
        }
    }

    /// <summary>Creates a signer from the raw 32-byte private key (seed), as in RFC 8032's test vectors.</summary>
    /// <exception cref="FormatException">The seed is not 32 bytes.</exception>
    public static Ed25519Signer FromSeed(string apiKey, ReadOnlySpan<byte> seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        return FromBlob(apiKey, seed, KeyBlobFormat.RawPrivateKey);
    }

    private static Ed25519Signer FromBlob(string apiKey, ReadOnlySpan<byte> blob, KeyBlobFormat format)
    {
        if (!Key.TryImport(Algorithm, blob, format, out var key) || key is null)
            throw new FormatException("The private key is not a valid Ed25519 key in " + format + " form.");
        return new Ed25519Signer(apiKey, key);
    }

    /// <inheritdoc />
    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> signature = stackalloc byte[64];
        Algorithm.Sign(_key, payload, signature);
        return Convert.ToBase64String(signature);
    }

    /// <summary>Checks <paramref name="signature"/> (raw 64 bytes) of <paramref name="payload"/> against this key's
    /// public half (tests and start-up self-checks).</summary>
    public bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature) =>
        Algorithm.Verify(_key.PublicKey, payload, signature);

    /// <summary>Releases the key.</summary>
    public void Dispose() => _key.Dispose();

    /// <inheritdoc />
    public override string ToString() => "Ed25519Signer(apiKey=" + Core.Security.SecretRedactor.Mask + ")";
}
