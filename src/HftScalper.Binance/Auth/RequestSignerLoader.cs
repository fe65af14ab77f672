namespace HftScalper.Binance.Auth;

/// <summary>
/// Builds the <see cref="IRequestSigner"/> for a <see cref="BinanceKeySource"/>: a PEM key file gives an Ed25519
/// signer (PKCS#8 <c>PRIVATE KEY</c> holding an Ed25519 key) or an RSA signer (any other RSA PEM); otherwise the
/// HMAC secret gives an HMAC signer. On Unix a key file that its group or others may read, write or execute is
/// refused: the error says which file, its mode, and <c>chmod 600</c>.
/// </summary>
/// <remarks>Start-up only. Errors are <see cref="BinanceKeyException"/>s whose messages never hold key material.</remarks>
public static class RequestSignerLoader
{
    private const UnixFileMode GroupOrOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Loads the signer from the environment variables.</summary>
    /// <exception cref="BinanceKeyException">Keys missing, unsafe or malformed.</exception>
    public static IRequestSigner FromEnvironment() => Load(BinanceKeySource.FromEnvironment());

    /// <summary>Loads the signer described by <paramref name="source"/> (a key file wins over a secret).</summary>
    /// <exception cref="BinanceKeyException">Keys missing, unsafe or malformed.</exception>
    public static IRequestSigner Load(BinanceKeySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.ApiKey is null)
            throw new BinanceKeyException($"No Binance API key: set {BinanceKeySource.ApiKeyVariable}.");
        if (source.PrivateKeyFile is not null) return FromKeyFile(source.ApiKey, source.PrivateKeyFile);
        if (source.ApiSecret is not null) return new HmacSha256Signer(source.ApiKey, source.ApiSecret);
        throw new BinanceKeyException(
            $"No Binance private key: set {BinanceKeySource.PrivateKeyFileVariable} (Ed25519 or RSA PEM file) or {BinanceKeySource.ApiSecretVariable} (HMAC).");
    }

    /// <summary>Reads a PEM key file after checking its permissions, and picks Ed25519 or RSA from its content.</summary>
    /// <exception cref="BinanceKeyException">Missing, unsafe or malformed file.</exception>
    public static IRequestSigner FromKeyFile(string apiKey, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new BinanceKeyException($"Binance private key file '{path}' does not exist.");
        CheckPermissions(path);
        string pem;
        try
        {
            pem = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BinanceKeyException($"Binance private key file '{path}' cannot be read: {e.GetType().Name}.");
        }
        try
        {
            return pem.Contains("RSA PRIVATE KEY", StringComparison.Ordinal) ? RsaSigner.FromPem(apiKey, pem) : LoadPkcs8(apiKey, pem);
        }
        catch (FormatException e)
        {
            throw new BinanceKeyException($"Binance private key file '{path}': {e.Message}");
        }
    }

    /// <summary>Throws when <paramref name="path"/> is accessible to its group or others (Unix only).</summary>
    /// <exception cref="BinanceKeyException">The mode allows group/other access.</exception>
    public static void CheckPermissions(string path)
    {
        if (OperatingSystem.IsWindows()) return;
        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOthers) != 0)
            throw new BinanceKeyException(
                $"Binance private key file '{path}' is accessible to its group or others (mode {Octal(mode)}); refusing to use it. Run: chmod 600 '{path}'.");
    }

    private static IRequestSigner LoadPkcs8(string apiKey, string pem)
    {
        try
        {
            return Ed25519Signer.FromPem(apiKey, pem);
        }
        catch (FormatException)
        {
            return RsaSigner.FromPem(apiKey, pem); // a PKCS#8 RSA key; throws FormatException when neither fits
        }
    }

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode & 0x1FF, 8);
}
