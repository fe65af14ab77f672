using System.Text;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Tests.Auth;
using NSec.Cryptography;

namespace HftScalper.Binance.Tests.Rest;

public sealed class SignedRequestTests
{
    [Fact]
    public async Task Hmac_order_request_is_byte_for_byte_the_documented_example()
    {
        await using var server = new LoopbackHttpServer(_ => new Reply(200, "{}"));
        using var signer = new HmacSha256Signer(RestHarness.DocApiKey, RestHarness.DocSecret);
        using var client = await RestHarness.CreateAsync(server.BaseUri, signer, RestHarness.DocClock());
        var query = new RestQuery().Add("symbol", "LTCBTC").Add("side", "BUY").Add("type", "LIMIT")
            .Add("timeInForce", "GTC").Add("quantity", "1").Add("price", "0.1");

        var result = await client.SendRawAsync(HttpMethod.Post, "/api/v3/order", query, RestSecurity.Signed, 1, 1, CancellationToken.None);

        Assert.Equal(RestOutcome.Ok, result.Outcome);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal(
            "/api/v3/order?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559"
            + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71",
            request.Target);
        Assert.Equal(RestHarness.DocApiKey, request.Headers["X-MBX-APIKEY"]);
    }

    [Fact]
    public async Task Ed25519_signature_is_percent_encoded_base64_that_verifies_over_the_sent_query()
    {
        await using var server = new LoopbackHttpServer(_ => new Reply(200, "{}"));
        using var signer = Ed25519Signer.FromPem("edkey", KeyFiles.Ed25519Pem());
        using var client = await RestHarness.CreateAsync(server.BaseUri, signer, RestHarness.DocClock());
        var query = new RestQuery().Add("symbol", "BTCUSDT").Add("side", "SELL").Add("type", "LIMIT")
            .Add("timeInForce", "GTC").Add("quantity", "1").Add("price", "0.2");

        await client.SendRawAsync(HttpMethod.Post, "/api/v3/order", query, RestSecurity.Signed, 1, 1, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        string q = request.Query;
        int at = q.IndexOf("&signature=", StringComparison.Ordinal);
        string payload = q[..at];
        string encoded = q[(at + "&signature=".Length)..];
        Assert.DoesNotContain('+', encoded);
        Assert.DoesNotContain('/', encoded);
        Assert.DoesNotContain('=', encoded); // base64 padding '=' travels as %3D
        Assert.EndsWith("%3D%3D", encoded, StringComparison.Ordinal); // a 64-byte signature has two padding characters
        byte[] signature = Convert.FromBase64String(Uri.UnescapeDataString(encoded));
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(KeyFiles.Rfc8032Test1Public), KeyBlobFormat.RawPublicKey);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, Encoding.ASCII.GetBytes(payload), signature));
        Assert.Equal("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTC&quantity=1&price=0.2&recvWindow=5000&timestamp=1499827319559", payload);
        Assert.Equal("edkey", request.Headers["X-MBX-APIKEY"]);
    }

    [Fact]
    public async Task Public_requests_carry_neither_key_nor_signature()
    {
        await using var server = new LoopbackHttpServer(_ => new Reply(200, "{\"serverTime\":1499827319559}"));
        using var signer = new HmacSha256Signer(RestHarness.DocApiKey, RestHarness.DocSecret);
        using var client = await RestHarness.CreateAsync(server.BaseUri, signer, RestHarness.DocClock());

        long serverTime = await client.GetServerTimeMsAsync(CancellationToken.None);

        Assert.Equal(1499827319559, serverTime);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v3/time", request.Target);
        Assert.False(request.Headers.ContainsKey("X-MBX-APIKEY"));
    }

    [Fact]
    public async Task Signed_request_without_keys_or_with_an_unsynced_clock_is_not_sent()
    {
        await using var server = new LoopbackHttpServer(_ => new Reply(200, "{}"));
        using var client = await RestHarness.CreateAsync(server.BaseUri, signer: null, RestHarness.DocClock());
        var time = RestHarness.DocClock();
        using var signer = new HmacSha256Signer("k", "s");
        var sync = new Binance.Time.ServerTimeSync(new Binance.Time.ServerTimeSyncOptions { Samples = 1, MaxAbsOffsetMs = 1000 }, time);
        await sync.SyncAsync(_ => Task.FromResult(time.Now.ToUnixTimeMilliseconds() + 5000), CancellationToken.None);
        using var skewed = new BinanceRestClient(new BinanceRestOptions(server.BaseUri, Live.BinanceMarket.Spot), signer, sync,
            new Binance.Limits.RateLimitTracker(RestHarness.SpotLimits, time));

        var noKeys = await client.SendRawAsync(HttpMethod.Get, "/api/v3/account", new RestQuery(), RestSecurity.Signed, 20, 0, CancellationToken.None);
        var outOfBounds = await skewed.SendRawAsync(HttpMethod.Post, "/api/v3/order", new RestQuery(), RestSecurity.Signed, 1, 1, CancellationToken.None);

        Assert.Equal(RestOutcome.NotSent, noKeys.Outcome);
        Assert.Equal(RestOutcome.NotSent, outOfBounds.Outcome);
        Assert.Contains("OutOfBounds", outOfBounds.Message, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }
}
