using HftScalper.Binance.Auth;
using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;

namespace HftScalper.Binance.Tests.Rest;

/// <summary>USD-M endpoints: paths and parameters as documented, answers pinned to the docs' examples.</summary>
public sealed class FuturesOrderClientTests
{
    private const string OrderResponse = """
    {"clientOrderId":"testOrder","cumQty":"0","cumQuote":"0","executedQty":"0","orderId":22542179,"avgPrice":"0.00000",
     "origQty":"10","price":"0","reduceOnly":false,"side":"BUY","positionSide":"SHORT","status":"NEW","stopPrice":"9300",
     "closePosition":false,"symbol":"BTCUSDT","timeInForce":"GTD","type":"TRAILING_STOP_MARKET","origType":"TRAILING_STOP_MARKET",
     "activatePrice":"9020","priceRate":"0.3","updateTime":1566818724722,"workingType":"CONTRACT_PRICE","priceProtect":false,
     "priceMatch":"NONE","selfTradePreventionMode":"NONE","goodTillDate":1693207680000}
    """;

    private const string PositionRisk = """
    [{"entryPrice":"0.00000","breakEvenPrice":"0.0","marginType":"isolated","isAutoAddMargin":"false","isolatedMargin":"0.00000000",
      "leverage":"10","liquidationPrice":"0","markPrice":"6679.50671178","maxNotionalValue":"20000000","positionAmt":"-0.500",
      "notional":"0","isolatedWallet":"0","symbol":"BTCUSDT","unRealizedProfit":"0.00000000","positionSide":"BOTH","updateTime":0}]
    """;

    private const string Account = """
    {"feeTier":0,"canTrade":true,"canDeposit":true,"canWithdraw":true,"updateTime":0,"multiAssetsMargin":false,"tradeGroupId":-1,
     "totalInitialMargin":"0.00000000","totalMaintMargin":"0.00000000","totalWalletBalance":"23.72469206",
     "totalUnrealizedProfit":"0.00000000","totalMarginBalance":"23.72469206","totalPositionInitialMargin":"0.00000000",
     "totalOpenOrderInitialMargin":"0.00000000","totalCrossWalletBalance":"23.72469206","totalCrossUnPnl":"0.00000000",
     "availableBalance":"23.72469206","maxWithdrawAmount":"23.72469206",
     "assets":[{"asset":"USDT","walletBalance":"23.72469206","unrealizedProfit":"0.00000000","marginBalance":"23.72469206",
       "maintMargin":"0.00000000","initialMargin":"0.00000000","positionInitialMargin":"0.00000000","openOrderInitialMargin":"0.00000000",
       "crossWalletBalance":"23.72469206","crossUnPnl":"0.00000000","availableBalance":"23.72469206","maxWithdrawAmount":"23.72469206",
       "marginAvailable":true,"updateTime":1625474304765}],
     "positions":[]}
    """;

    private static async Task<(LoopbackHttpServer, BinanceRestClient, FuturesOrderClient)> Setup(Func<RecordedRequest, Reply> handler)
    {
        var server = new LoopbackHttpServer(handler);
        var client = await RestHarness.CreateAsync(server.BaseUri, new HmacSha256Signer(RestHarness.DocApiKey, RestHarness.DocSecret),
            RestHarness.DocClock(), BinanceMarket.UsdMFutures,
            limits: [new(Binance.Limits.RateLimitType.RequestWeight, 'M', 1, 2400), new(Binance.Limits.RateLimitType.Orders, 'M', 1, 1200), new(Binance.Limits.RateLimitType.Orders, 'S', 10, 300)]);
        return (server, client, new FuturesOrderClient(client));
    }

    [Fact]
    public async Task Place_sends_gtx_post_only_with_reduce_only_and_reads_the_documented_order()
    {
        var (server, client, futures) = await Setup(_ => new Reply(200, OrderResponse));
        await using var _s = server;
        using var _c = client;
        var order = new NewOrder
        {
            Symbol = "BTCUSDT", Side = OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtx, Quantity = "0.010",
            Price = "65000.10", NewClientOrderId = "f1", ReduceOnly = true, SelfTradePrevention = SelfTradePreventionMode.ExpireTaker,
        };

        var r = await futures.PlaceAsync(order, CancellationToken.None);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/fapi/v1/order", request.Path);
        Assert.StartsWith("symbol=BTCUSDT&side=SELL&type=LIMIT&timeInForce=GTX&quantity=0.010&price=65000.10&newClientOrderId=f1&reduceOnly=true"
            + "&selfTradePreventionMode=EXPIRE_TAKER&newOrderRespType=RESULT&recvWindow=5000&timestamp=1499827319559&signature=", request.Query, StringComparison.Ordinal);
        var o = r.Value!;
        Assert.Equal(("testOrder", 22542179L, 10m, 0m, "NEW", "SHORT", false, 1566818724722L),
            (o.ClientOrderId, o.OrderId, o.OrigQty, o.ExecutedQty, o.Status, o.PositionSide, o.ReduceOnly, o.UpdateTime));
    }

    [Fact]
    public async Task Limit_maker_and_decrement_are_refused_on_futures()
    {
        var (server, client, futures) = await Setup(_ => new Reply(200, OrderResponse));
        await using var _s = server;
        using var _c = client;
        var maker = new NewOrder { Symbol = "BTCUSDT", Side = OrderSide.Buy, Type = OrderType.LimitMaker, Quantity = "1", Price = "1", NewClientOrderId = "m" };

        await Assert.ThrowsAsync<ArgumentException>(() => futures.PlaceAsync(maker, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => futures.PlaceAsync(maker with { Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, SelfTradePrevention = SelfTradePreventionMode.Decrement }, CancellationToken.None));
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task Position_risk_and_account_read_string_numbers_exactly()
    {
        var (server, client, futures) = await Setup(r => r.Path == "/fapi/v2/positionRisk" ? new Reply(200, PositionRisk) : new Reply(200, Account));
        await using var _s = server;
        using var _c = client;

        var positions = await futures.PositionRiskAsync("BTCUSDT", CancellationToken.None);
        var account = await futures.AccountAsync(CancellationToken.None);

        var p = Assert.Single(positions.Value!);
        Assert.Equal(("BTCUSDT", -0.5m, 6679.50671178m, 10m, "isolated", "BOTH"), (p.Symbol, p.PositionAmt, p.MarkPrice, p.Leverage, p.MarginType, p.PositionSide));
        Assert.Equal((23.72469206m, 23.72469206m, "USDT"), (account.Value!.TotalWalletBalance, account.Value.AvailableBalance, account.Value.Assets![0].Asset));
        Assert.StartsWith("/fapi/v2/account?recvWindow=5000&timestamp=", server.Requests.Last().Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Countdown_cancel_all_and_leverage_send_the_documented_parameters()
    {
        var (server, client, futures) = await Setup(r => r.Path == "/fapi/v1/countdownCancelAll"
            ? new Reply(200, "{\"symbol\":\"BTCUSDT\",\"countdownTime\":\"120000\"}")
            : new Reply(200, "{\"leverage\":21,\"maxNotionalValue\":\"1000000\",\"symbol\":\"BTCUSDT\"}"));
        await using var _s = server;
        using var _c = client;

        var countdown = await futures.CountdownCancelAllAsync("BTCUSDT", TimeSpan.FromSeconds(120), CancellationToken.None);
        var leverage = await futures.SetLeverageAsync("BTCUSDT", 21, CancellationToken.None);

        var sent = server.Requests.ToArray();
        Assert.StartsWith("/fapi/v1/countdownCancelAll?symbol=BTCUSDT&countdownTime=120000&recvWindow=", sent[0].Target, StringComparison.Ordinal);
        Assert.StartsWith("/fapi/v1/leverage?symbol=BTCUSDT&leverage=21&recvWindow=", sent[1].Target, StringComparison.Ordinal);
        Assert.Equal(("BTCUSDT", 120000L), (countdown.Value!.Symbol, countdown.Value.CountdownTime));
        Assert.Equal((21, 1000000m), (leverage.Value!.Leverage, leverage.Value.MaxNotionalValue));
    }

    [Fact]
    public async Task Futures_time_sync_reads_fapi_time()
    {
        var (server, client, _) = await Setup(_ => new Reply(200, "{\"serverTime\":1499827320559}"));
        await using var _s = server;
        using var _c = client;

        bool synced = await client.SyncTimeAsync(CancellationToken.None);

        Assert.True(synced);
        Assert.Equal(1000, client.Time.OffsetMs);
        Assert.Equal("/fapi/v1/time", Assert.Single(server.Requests).Target);
    }
}
