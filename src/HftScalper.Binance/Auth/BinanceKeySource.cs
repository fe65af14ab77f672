namespace HftScalper.Binance.Auth;

/// <summary>
/// Where the keys come from: the environment variables (<see cref="ApiKeyVariable"/> plus
/// <see cref="PrivateKeyFileVariable"/> or <see cref="ApiSecretVariable"/>) or the same three values from the
/// configuration. Holds the secret only when given inline (HMAC); <see cref="ToString"/> redacts everything but the
/// key file path.
/// </summary>
/// <param name="ApiKey">The API key (<c>X-MBX-APIKEY</c>).</param>
/// <param name="PrivateKeyFile">Path of an Ed25519 or RSA PEM private key file (mode 0600 or stricter).</param>
/// <param name="ApiSecret">The HMAC secret key.</param>
public sealed record BinanceKeySource(string? ApiKey, string? PrivateKeyFile, string? ApiSecret)
{
    /// <summary>Environment variable holding the API key.</summary>
    public const string ApiKeyVariable = "HFT_BINANCE_API_KEY";

    /// <summary>Environment variable holding the path of the Ed25519/RSA PEM private key file.</summary>
    public const string PrivateKeyFileVariable = "HFT_BINANCE_PRIVATE_KEY_FILE";

    /// <summary>Environment variable holding the HMAC secret key.</summary>
    public const string ApiSecretVariable = "HFT_BINANCE_API_SECRET";

    /// <summary>The three values read from the process environment (absent = null).</summary>
    public static BinanceKeySource FromEnvironment() => new(
        NullIfBlank(Environment.GetEnvironmentVariable(ApiKeyVariable)),
        NullIfBlank(Environment.GetEnvironmentVariable(PrivateKeyFileVariable)),
        NullIfBlank(Environment.GetEnvironmentVariable(ApiSecretVariable)));

    /// <summary>True when an API key and either a key file or a secret are present.</summary>
    public bool IsComplete => ApiKey is not null && (PrivateKeyFile is not null || ApiSecret is not null);

    /// <summary>Configuration values win over the environment, value by value.</summary>
    public BinanceKeySource Or(BinanceKeySource fallback) => new(
        ApiKey ?? fallback.ApiKey, PrivateKeyFile ?? fallback.PrivateKeyFile, ApiSecret ?? fallback.ApiSecret);

    /// <inheritdoc />
    public override string ToString() =>
        "BinanceKeySource(apiKey=" + Present(ApiKey) + ", privateKeyFile=" + (PrivateKeyFile ?? "(none)") +
        ", apiSecret=" + Present(ApiSecret) + ")";

    private static string Present(string? s) => s is null ? "(none)" : Core.Security.SecretRedactor.Mask;

    private static string? NullIfBlank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
