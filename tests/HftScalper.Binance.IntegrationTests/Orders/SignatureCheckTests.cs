using HftScalper.FakeExchange.Orders;
using static HftScalper.Binance.IntegrationTests.Orders.OrderFakes;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>The fake checks signatures exactly as Binance documents them: HMAC hex over query+body, Ed25519 base64
/// (percent-encoded on REST), WebSocket API params sorted by name; failures are -1022, unknown keys -2015.</summary>
public sealed class SignatureCheckTests
{
    private const string DocKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    private const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    [Fact]
    public void The_documented_hmac_examples_verify_and_one_changed_character_does_not()
    {
        var verifier = new SignatureVerifier([new FakeApiKey { ApiKey = DocKey, HmacSecret = DocSecret }]);
        const string all = "symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC&quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559";

        Assert.Null(verifier.VerifyRest(DocKey, "?" + all + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", ""));
        Assert.Null(verifier.VerifyRest(DocKey, "", all + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71"));
        // Mixed: query "symbol..GTC" and body "quantity=..": the payload is their plain concatenation (no '&').
        Assert.Null(verifier.VerifyRest(DocKey, "?symbol=LTCBTC&side=BUY&type=LIMIT&timeInForce=GTC",
            "quantity=1&price=0.1&recvWindow=5000&timestamp=1499827319559&signature=0fd168b8ddb4876a0358a8d14d0c9f3da0e9b20c5d52b2a00fcf7d1c602f9a77"));
        Assert.Equal(-1022, verifier.VerifyRest(DocKey, "?" + all.Replace("price=0.1", "price=0.2", StringComparison.Ordinal) + "&signature=c8db56825ae71d6d79447849e617115f4a920fa2acdcab2b053c4b2838bd6b71", "")!.Code);
    }

    [Fact]
    public async Task A_wrong_rest_signature_is_1022_and_an_unknown_key_is_2015()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);

        var (status, body, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "", signatureOverride: new string('0', 64));

        Assert.Equal(400, status);
        Assert.Equal(-1022, body["code"]!.GetValue<int>());
        Assert.Equal("Signature for this request is not valid.", body["msg"]!.GetValue<string>());
        using var unknown = await c.SendRawAsync(HttpMethod.Get, $"/api/v3/account?timestamp={SignedClient.Now}&signature=00", "nobody");
        Assert.Equal(401, (int)unknown.StatusCode);
        Assert.Contains("-2015", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_ed25519_rest_signature_is_accepted_percent_encoded()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake) { UseEd25519 = true };

        var (status, body, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "");

        Assert.Equal(200, status);
        Assert.Equal("SPOT", body["accountType"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_ws_api_order_with_a_bad_signature_is_1022_and_an_old_timestamp_is_1021()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        await c.ConnectWsApiAsync();
        var order = new Dictionary<string, object> { ["symbol"] = Symbol, ["side"] = "BUY", ["type"] = "LIMIT", ["timeInForce"] = "GTC", ["price"] = "29000.00", ["quantity"] = "0.01" };

        var good = await c.CallAsync("order.place", order, sign: true);
        order["signature"] = new string('a', 64);
        order["apiKey"] = SignedClient.HmacKey;
        var bad = await c.CallAsync("order.place", order, sign: false);

        Assert.Equal(200, good["status"]!.GetValue<int>());
        Assert.Equal(400, bad["status"]!.GetValue<int>());
        Assert.Equal(-1022, bad["error"]!["code"]!.GetValue<int>());
        var (status, old, _) = await c.SendAsync(HttpMethod.Get, "/api/v3/account", "recvWindow=5000", timestamp: SignedClient.Now - 10_000);
        Assert.Equal(400, status);
        Assert.Equal(-1021, old["code"]!.GetValue<int>());
        Assert.Equal("Timestamp for this request is outside of the recvWindow.", old["msg"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_hmac_key_cannot_log_on_but_subscribes_to_user_data_with_a_signature()
    {
        await using var fake = await StartAsync();
        await using var c = new SignedClient(fake);
        await c.ConnectWsApiAsync();

        var logon = await c.CallAsync("session.logon", new Dictionary<string, object>(), sign: true);
        var sub = await c.CallAsync("userDataStream.subscribe.signature", new Dictionary<string, object>(), sign: true);
        await c.CallAsync("order.place", new Dictionary<string, object>
        {
            ["symbol"] = Symbol, ["side"] = "SELL", ["type"] = "LIMIT", ["timeInForce"] = "GTC", ["price"] = "31000.00", ["quantity"] = "0.01", ["newClientOrderId"] = "sig1",
        }, sign: true);

        Assert.Equal(-1022, logon["error"]!["code"]!.GetValue<int>());
        Assert.Equal(0, sub["result"]!["subscriptionId"]!.GetValue<int>());
        var report = await c.NextEventAsync("executionReport");
        Assert.Equal(("NEW", "sig1", "SELL"), (report["x"]!.GetValue<string>(), report["c"]!.GetValue<string>(), report["S"]!.GetValue<string>()));
    }
}
