namespace HftScalper.FakeExchange.Orders;

/// <summary>
/// An API key the fake exchange accepts: an HMAC-SHA256 secret, an Ed25519 public key (PEM, PKIX
/// <c>BEGIN PUBLIC KEY</c>), or both. All keys trade on the one account of the fake.
/// </summary>
public sealed record FakeApiKey
{
    /// <summary>The value clients send as <c>X-MBX-APIKEY</c> / <c>apiKey</c>.</summary>
    public required string ApiKey { get; init; }

    /// <summary>HMAC secret (signatures are lowercase hex HMAC-SHA256), or null.</summary>
    public string? HmacSecret { get; init; }

    /// <summary>Ed25519 public key in PEM (signatures are base64), or null.</summary>
    public string? Ed25519PublicKeyPem { get; init; }

    /// <summary>Redacts the secret.</summary>
    public override string ToString() => $"FakeApiKey({ApiKey}, {(HmacSecret is null ? "" : "hmac ")}{(Ed25519PublicKeyPem is null ? "" : "ed25519")})";
}
