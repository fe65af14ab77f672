using System.Security.Cryptography;
using System.Text;
using HftScalper.Binance.Auth;

namespace HftScalper.Binance.Tests.Auth;

public sealed class SignerVectorTests
{
    // Binance spot REST docs, "SIGNED Endpoint Examples for POST /api/v3/order", HMAC keys.
    private const string DocApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    private const string DocPayload =
        "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

    [Fact]
    public void Hmac_signs_the_documented_order_example_to_the_documented_hex()
    {
        using var signer = new HmacSha256Signer(DocApiKey, DocSecret);

        string signature = signer.Sign(Encoding.ASCII.GetBytes(DocPayload));

        Assert.Equal("c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", signature);
        Assert.Equal(BinanceKeyType.Hmac, signer.KeyType);
        Assert.Equal(DocApiKey, signer.ApiKey);
    }

    [Fact]
    public void Hmac_query_and_body_concatenated_sign_like_the_documented_mixed_example()
    {
        // Docs example 3: query "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC", body
        // "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559": the payload is query + body, no '&' between.
        using var signer = new HmacSha256Signer(DocApiKey, DocSecret);

        string signature = signer.Sign(Encoding.ASCII.GetBytes(
            "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTCquantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"));

        Assert.Equal("0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77", signature);
    }

    [Fact]
    public void Ed25519_raw_seed_signs_rfc8032_test1_exactly()
    {
        using var signer = Ed25519Signer.FromSeed("k", Convert.FromHexString(KeyFiles.Rfc8032Test1Seed));

        string signature = signer.Sign([]);

        Assert.Equal(KeyFiles.Rfc8032Test1Signature, Convert.ToHexStringLower(Convert.FromBase64String(signature)));
        Assert.Equal(KeyFiles.Rfc8032Test1Public, Convert.ToHexStringLower(signer.PublicKey));
    }

    [Fact]
    public void Ed25519_pkcs8_pem_of_the_rfc_key_signs_like_the_raw_seed_and_verifies()
    {
        using var signer = Ed25519Signer.FromPem("k", KeyFiles.Ed25519Pem());
        byte[] payload = Encoding.ASCII.GetBytes(DocPayload);

        string empty = signer.Sign([]);
        byte[] signature = Convert.FromBase64String(signer.Sign(payload));

        Assert.Equal(KeyFiles.Rfc8032Test1Signature, Convert.ToHexStringLower(Convert.FromBase64String(empty)));
        Assert.Equal(64, signature.Length);
        Assert.True(signer.Verify(payload, signature));
        payload[0] ^= 1;
        Assert.False(signer.Verify(payload, signature));
    }

    [Fact]
    public void Ed25519_rejects_a_pem_that_is_not_an_ed25519_key_without_quoting_it()
    {
        using var rsa = RSA.Create(2048);
        string pem = rsa.ExportPkcs8PrivateKeyPem();

        var e = Assert.Throws<FormatException>(() => Ed25519Signer.FromPem("k", pem));

        Assert.DoesNotContain(pem.Split('\n')[1], e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rsa_pkcs1_sha256_signature_is_deterministic_and_verifies_with_the_public_key()
    {
        using var rsa = RSA.Create(2048);
        using var signer = RsaSigner.FromPem("k", rsa.ExportPkcs8PrivateKeyPem());
        byte[] payload = Encoding.ASCII.GetBytes(DocPayload);

        string first = signer.Sign(payload);
        string second = signer.Sign(payload);

        Assert.Equal(first, second); // PKCS#1 v1.5 has no randomness: a PSS signature would differ each time
        Assert.True(rsa.VerifyData(payload, Convert.FromBase64String(first), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Assert.Equal(BinanceKeyType.Rsa, signer.KeyType);
    }
}
