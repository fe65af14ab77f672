using System.Security.Cryptography;

namespace HftScalper.Binance.Auth;

/// <summary>
/// RSA signer: base64 of the RSASSA-PKCS1-v1_5 SHA-256 signature of the payload (Binance's RSA keys). The key is
/// imported from PEM (<c>PRIVATE KEY</c> PKCS#8 or <c>RSA PRIVATE KEY</c> PKCS#1) and held by the BCL.
/// </summary>
/// <remarks>Thread-safe for signing. Slower than Ed25519 (a 2048-bit private-key operation per request).</remarks>
internal sealed class RsaSigner : IRequestSigner, IDisposable
{
    private readonly RSA _rsa;

    private RsaSigner(string apiKey, RSA rsa)
    {
        ApiKey = apiKey;
        _rsa = rsa;
    }

    /// <inheritdoc />
    public BinanceKeyType KeyType => BinanceKeyType.Rsa;

    /// <inheritdoc />
    public string ApiKey { get; }

    /// <summary>Creates a signer from a PEM private key.</summary>
    /// <exception cref="FormatException">The text holds no usable RSA private key (the message never quotes it).</exception>
    public static RsaSigner FromPem(string apiKey, ReadOnlySpan<char> pem)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new FormatException("The private key is not a valid RSA PEM private key (" + e.GetType().Name + ").");
        }
        return new RsaSigner(apiKey, rsa);
    }

    /// <inheritdoc />
    public string Sign(ReadOnlySpan<byte> payload)
    {
        Span<byte> signature = stackalloc byte[_rsa.KeySize / 8];
        if (!_rsa.TrySignData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, out int written))
            throw new CryptographicException("RSA signature buffer too small.");
        return Convert.ToBase64String(signature[..written]);
    }

    /// <summary>Checks a raw signature against the key's public half (tests and start-up self-checks).</summary>
    public bool Verify(ReadOnlySpan<byte> payload, ReadOnlySpan<byte> signature) =>
        _rsa.VerifyData(payload, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>Releases the key.</summary>
    public void Dispose() => _rsa.Dispose();

    /// <inheritdoc />
    public override string ToString() => "RsaSigner(apiKey=" + Core.Security.SecretRedactor.Mask + ", bits=" + _rsa.KeySize + ")";
}
