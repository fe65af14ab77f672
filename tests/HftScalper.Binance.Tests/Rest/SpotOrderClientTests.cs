using System.Text;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Tests.Rules;

namespace HftScalper.Binance.Tests.Rest;

/// <summary>Spot endpoints: requests as the docs specify them, answers pinned to the docs' response examples.</summary>
public sealed class SpotOrderClientTests
{
    private const string FullResponse = """
    {"symbol":"BTCUSDT","orderId":28,"orderListId":-1,"clientOrderId":"6gCrw2kRUAF9CvJDGP16IP","transactTime":1507725176595,
     "price":"0.00000000","origQty":"10.00000000","executedQty":"10.00000000","origQuoteOrderQty":"0.000000",
     "cummulativeQuoteQty":"10.00000000","status":"FILLED","timeInForce":"GTC","type":"MARKET","side":"SELL",
     "workingTime":1507725176595,"selfTradePreventionMode":"NONE",
     "fills":[{"price":"4000.00000000","qty":"1.00000000","commission":"4.00000000","commissionAsset":"USDT","tradeId":56},
              {"price":"3999.00000000","qty":"5.00000000","commission":"19.99500000","commissionAsset":"USDT","tradeId":57}]}
    """;

    private const string QueryResponse = """
    [{"symbol":"LTCBTC","orderId":1,"orderListId":-1,"clientOrderId":"myOrder1","price":"0.1","origQty":"1.0",
      "executedQty":"0.0","cummulativeQuoteQty":"0.0","status":"NEW","timeInForce":"GTC","type":"LIMIT","side":"BUY",
      "stopPrice":"0.0","icebergQty":"0.0","time":1499827319559,"updateTime":1499827319559,"isWorking":true,
      "workingTime":1499827319559,"origQuoteOrderQty":"0.000000","selfTradePreventionMode":"NONE"}]
    """;

    private const string CancelResponse = """
    {"symbol":"LTCBTC","origClientOrderId":"myOrder1","orderId":4,"orderListId":-1,"clientOrderId":"cancelMyOrder1",
     "transactTime":1684804350068,"price":"2.00000000","origQty":"1.00000000","executedQty":"0.00000000",
     "cummulativeQuoteQty":"0.00000000","status":"CANCELED","timeInForce":"GTC","type":"LIMIT","side":"BUY",
     "selfTradePreventionMode":"NONE"}
    """;

    private const string AccountResponse = """
    {"makerCommission":15,"takerCommission":15,"buyerCommission":0,"sellerCommission":0,
     "commissionRates":{"maker":"0.00150000","taker":"0.00150000","buyer":"0.00000000","seller":"0.00000000"},
     "canTrade":true,"canWithdraw":true,"canDeposit":true,"brokered":false,"requireSelfTradePrevention":false,
     "preventSor":false,"updateTime":123456789,"accountType":"SPOT",
     "balances":[{"asset":"BTC","free":"4723846.89208129","locked":"0.00000000"},{"asset":"LTC","free":"4763368.68006011","locked":"0.00000000"}],
     "permissions":["SPOT"],"uid":354937868}
    """;

    private const string TradesResponse = """
    [{"symbol":"BNBBTC","id":28457,"orderId":100234,"orderListId":-1,"price":"4.00000100","qty":"12.00000000",
      "quoteQty":"48.000012","commission":"10.10000000","commissionAsset":"BNB","time":1499865549590,
      "isBuyer":true,"isMaker":false,"isBestMatch":true}]
    """;

    private static async Task<(LoopbackHttpServer, BinanceRestClient, SpotOrderClient)> Setup(Func<RecordedRequest, Reply> handler)
    {
        var server = new LoopbackHttpServer(handler);
        var client = await RestHarness.CreateAsync(server.BaseUri, new HmacSha256Signer(RestHarness.DocApiKey, RestHarness.DocSecret), RestHarness.DocClock());
        return (server, client, new SpotOrderClient(client));
    }

    [Fact]
    public async Task Place_sends_the_order_with_our_id_and_stp_mode_and_reads_the_full_response()
    {
        var (server, client, spot) = await Setup(_ => new Reply(200, FullResponse));
        await using var _s = server;
        using var _c = client;
        var rules = SymbolRules.Create(ExchangeInfoParser.Parse(Encoding.UTF8.GetBytes(ExchangeInfoSamples.Spot)).Symbols["XYZUSDT"]);
        var order = NewOrder.Limit(rules, OrderSide.Buy, 10_005, 1_010, TimeInForce.Gtc, "s7f3:42/x_1-2.3", SelfTradePreventionMode.ExpireMaker);

        var r = await spot.PlaceAsync(order, CancellationToken.None, fullResponse: true);

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.StartsWith(
            "symbol=XYZUSDT&side=BUY&type=LIMIT&timeInForce=GTC&quantity=10.10&price=100.05&newClientOrderId=s7f3%3A42%2Fx_1-2.3"
            + "&selfTradePreventionMode=EXPIRE_MAKER&newOrderRespType=FULL&recvWindow=5000&timestamp=1499827319559&signature=",
            request.Query, StringComparison.Ordinal);
        Assert.True(r.IsOk);
        var o = r.Value!;
        Assert.Equal(("BTCUSDT", 28L, -1L, "6gCrw2kRUAF9CvJDGP16IP", 1507725176595L), (o.Symbol, o.OrderId, o.OrderListId, o.ClientOrderId, o.TransactTime));
        Assert.Equal((0m, 10m, 10m, 10m), (o.Price, o.OrigQty, o.ExecutedQty, o.CummulativeQuoteQty));
        Assert.Equal(("FILLED", "GTC", "MARKET", "SELL", "NONE"), (o.Status, o.TimeInForce, o.Type, o.Side, o.SelfTradePreventionMode));
        Assert.Equal(2, o.Fills!.Count);
        Assert.Equal((3999m, 5m, 19.995m, "USDT", 57L), (o.Fills[1].Price, o.Fills[1].Qty, o.Fills[1].Commission, o.Fills[1].CommissionAsset, o.Fills[1].TradeId));
    }

    [Fact]
    public async Task Spot_post_only_is_limit_maker_without_time_in_force()
    {
        var (server, client, spot) = await Setup(_ => new Reply(200, FullResponse));
        await using var _s = server;
        using var _c = client;
        var rules = SymbolRules.Create(ExchangeInfoParser.Parse(Encoding.UTF8.GetBytes(ExchangeInfoSamples.Spot)).Symbols["XYZUSDT"]);

        await spot.PlaceAsync(NewOrder.Limit(rules, OrderSide.Sell, 10_005, 1_010, TimeInForce.None, "pm1"), CancellationToken.None);

        Assert.StartsWith("symbol=XYZUSDT&side=SELL&type=LIMIT_MAKER&quantity=10.10&price=100.05&newClientOrderId=pm1&newOrderRespType=RESULT&",
            Assert.Single(server.Requests).Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_query_and_open_orders_address_the_order_by_our_id()
    {
        var (server, client, spot) = await Setup(r => r.Method switch
        {
            "DELETE" => new Reply(200, CancelResponse),
            _ when r.Path == "/api/v3/openOrders" => new Reply(200, QueryResponse),
            _ => new Reply(200, QueryResponse.Trim()[1..^1]),
        });
        await using var _s = server;
        using var _c = client;

        var cancel = await spot.CancelAsync("LTCBTC", "myOrder1", CancellationToken.None, newClientOrderId: "cancelMyOrder1");
        var query = await spot.QueryAsync("LTCBTC", "myOrder1", CancellationToken.None);
        var open = await spot.OpenOrdersAsync("LTCBTC", CancellationToken.None);

        var sent = server.Requests.ToArray();
        Assert.Equal("DELETE", sent[0].Method);
        Assert.StartsWith("/api/v3/order?symbol=LTCBTC&origClientOrderId=myOrder1&newClientOrderId=cancelMyOrder1&recvWindow=5000&timestamp=", sent[0].Target, StringComparison.Ordinal);
        Assert.StartsWith("/api/v3/order?symbol=LTCBTC&origClientOrderId=myOrder1&recvWindow=", sent[1].Target, StringComparison.Ordinal);
        Assert.Equal("GET", sent[1].Method);
        Assert.StartsWith("/api/v3/openOrders?symbol=LTCBTC&recvWindow=", sent[2].Target, StringComparison.Ordinal);
        Assert.Equal(("myOrder1", "cancelMyOrder1", "CANCELED", 2m), (cancel.Value!.OrigClientOrderId, cancel.Value.ClientOrderId, cancel.Value.Status, cancel.Value.Price));
        Assert.Equal(("myOrder1", "NEW", true, 1499827319559L, 0.1m), (query.Value!.ClientOrderId, query.Value.Status, query.Value.IsWorking, query.Value.Time, query.Value.Price));
        Assert.Equal("myOrder1", Assert.Single(open.Value!).ClientOrderId);
    }

    [Fact]
    public async Task Account_and_my_trades_read_the_documented_fields()
    {
        var (server, client, spot) = await Setup(r => r.Path == "/api/v3/account" ? new Reply(200, AccountResponse) : new Reply(200, TradesResponse));
        await using var _s = server;
        using var _c = client;

        var account = await spot.AccountAsync(CancellationToken.None);
        var trades = await spot.MyTradesAsync("BNBBTC", CancellationToken.None, fromId: 28457, limit: 500);

        Assert.True(account.Value!.CanTrade);
        Assert.Equal(("SPOT", 354937868L), (account.Value.AccountType, account.Value.Uid));
        Assert.Equal(("LTC", 4763368.68006011m, 0m), (account.Value.Balances![1].Asset, account.Value.Balances[1].Free, account.Value.Balances[1].Locked));
        var t = Assert.Single(trades.Value!);
        Assert.Equal((28457L, 100234L, 4.000001m, 12m, 48.000012m, 10.1m, "BNB", true, false),
            (t.Id, t.OrderId, t.Price, t.Qty, t.QuoteQty, t.Commission, t.CommissionAsset, t.IsBuyer, t.IsMaker));
        Assert.StartsWith("/api/v3/myTrades?symbol=BNBBTC&fromId=28457&limit=500&recvWindow=", server.Requests.Last().Target, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_replace_failure_carries_code_msg_and_what_happened_to_each_half()
    {
        const string failure = """
        {"code":-2022,"msg":"Order cancel-replace failed.","data":{"cancelResult":"FAILURE","newOrderResult":"NOT_ATTEMPTED",
         "cancelResponse":{"code":-2011,"msg":"Unknown order sent."},"newOrderResponse":null}}
        """;
        var (server, client, spot) = await Setup(_ => new Reply(400, failure));
        await using var _s = server;
        using var _c = client;
        var replacement = new NewOrder { Symbol = "BTCUSDT", Side = OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Quantity = "1", Price = "2", NewClientOrderId = "r2" };

        var r = await spot.CancelReplaceAsync(replacement, "r1", allowFailure: false, CancellationToken.None);

        Assert.Equal((RestOutcome.Rejected, -2022, "Order cancel-replace failed."), (r.Outcome, r.Code, r.Message));
        Assert.Equal(("FAILURE", "NOT_ATTEMPTED", -2011), (r.Value!.CancelResult, r.Value.NewOrderResult, r.Value.CancelResponse!.Code));
        Assert.Null(r.Value.NewOrderResponse);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/api/v3/order/cancelReplace", request.Path);
        Assert.Contains("&newClientOrderId=r2&cancelReplaceMode=STOP_ON_FAILURE&cancelOrigClientOrderId=r1&", request.Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancel_replace_success_reads_both_halves()
    {
        const string ok = """
        {"cancelResult":"SUCCESS","newOrderResult":"SUCCESS",
         "cancelResponse":{"symbol":"BTCUSDT","origClientOrderId":"r1","orderId":9,"orderListId":-1,"clientOrderId":"x","status":"CANCELED"},
         "newOrderResponse":{"symbol":"BTCUSDT","orderId":10,"orderListId":-1,"clientOrderId":"r2","transactTime":1669277163808,"status":"NEW"}}
        """;
        var (server, client, spot) = await Setup(_ => new Reply(200, ok));
        await using var _s = server;
        using var _c = client;
        var replacement = new NewOrder { Symbol = "BTCUSDT", Side = OrderSide.Sell, Type = OrderType.Limit, TimeInForce = TimeInForce.Gtc, Quantity = "1", Price = "2", NewClientOrderId = "r2" };

        var r = await spot.CancelReplaceAsync(replacement, "r1", allowFailure: true, CancellationToken.None);

        Assert.True(r.IsOk);
        Assert.Equal(("CANCELED", "r2", 10L), (r.Value!.CancelResponse!.Status, r.Value.NewOrderResponse!.ClientOrderId, r.Value.NewOrderResponse.OrderId));
    }

    [Fact]
    public async Task Exchange_info_is_fetched_and_parsed()
    {
        var (server, client, _) = await Setup(_ => new Reply(200, ExchangeInfoSamples.Spot));
        await using var _s = server;
        using var _c = client;

        var r = await client.GetExchangeInfoAsync(CancellationToken.None);

        Assert.True(r.IsOk);
        Assert.Equal(4, r.Value!.RateLimits.Count);
        Assert.Equal("/api/v3/exchangeInfo", Assert.Single(server.Requests).Target);
    }
}
