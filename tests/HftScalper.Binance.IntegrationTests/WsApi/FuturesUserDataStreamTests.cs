using System.Collections.Concurrent;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.IntegrationTests.WsApi;

/// <summary>The USD-M listenKey stream against a loopback server: POST/PUT <c>/fapi/v1/listenKey</c> with the API key
/// header, <c>/ws/&lt;listenKey&gt;</c>, documented event shapes, and <c>listenKeyExpired</c> -> new key + reconcile.</summary>
public sealed class FuturesUserDataStreamTests
{
    private const string OrderTradeUpdate =
        """{"e":"ORDER_TRADE_UPDATE","E":1568879465651,"T":1568879465650,"o":{"s":"BTCUSDT","c":"hft-u1-1","S":"SELL","o":"LIMIT","f":"GTX","q":"0.002","p":"7103.10","ap":"7103.10","sp":"0","x":"TRADE","X":"PARTIALLY_FILLED","i":8886774,"l":"0.001","z":"0.001","L":"7103.10","N":"USDT","n":"0.00142062","T":1568879465650,"t":12345,"b":"0","a":"9.91","m":true,"R":false,"wt":"CONTRACT_PRICE","ot":"LIMIT","ps":"BOTH","cp":false,"rp":"-0.50000000","pP":false,"si":0,"ss":0,"V":"EXPIRE_TAKER","pm":"NONE","gtd":0}}""";

    private const string AccountUpdate =
        """{"e":"ACCOUNT_UPDATE","E":1564745798939,"T":1564745798938,"a":{"m":"ORDER","B":[{"a":"USDT","wb":"122624.12345678","cw":"100.12345678","bc":"50.12345678"},{"a":"BUSD","wb":"1.00000000","cw":"0.00000000","bc":"-49.12345678"}],"P":[{"s":"BTCUSDT","pa":"0","ep":"0.00000","bep":"0","cr":"200","up":"0","mt":"isolated","iw":"0.00000000","ps":"BOTH"},{"s":"BTCUSDT","pa":"-10","ep":"6563.86000","bep":"6563.6","cr":"-45.04000000","up":"-1423.15600","mt":"isolated","iw":"6570.42511771","ps":"SHORT"}]}}""";

    [Fact]
    public async Task Events_arrive_typed_and_listen_key_expiry_takes_a_new_key_reconnects_and_asks_to_reconcile()
    {
        await using var server = new LoopbackWsServer();
        int keys = 0;
        server.OnHttp = (method, path, _) => (method, path) switch
        {
            ("POST", "/fapi/v1/listenKey") => (200, $$"""{"listenKey":"key-{{Interlocked.Increment(ref keys)}}"}"""),
            ("PUT", "/fapi/v1/listenKey") => (200, $$"""{"listenKey":"key-{{Volatile.Read(ref keys)}}"}"""),
            _ => (404, """{"code":-1125,"msg":"This listenKey does not exist."}"""),
        };
        var symbols = new SymbolRegistry();
        var btc = symbols.Register("BTCUSDT", "binance-usdm", 1, 3);
        var log = new ConcurrentQueue<string>();
        await using var stream = new FuturesUserDataStream(new FuturesUserDataOptions
        {
            RestBase = server.HttpUri,
            StreamBase = new Uri($"ws://127.0.0.1:{server.Port}"),
            KeepAliveInterval = TimeSpan.FromMilliseconds(150),
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            Log = log.Enqueue,
        }, "usdm-api-key", new UserDataParser(symbols, log.Enqueue));
        var events = new ConcurrentQueue<UserDataEvent>();
        var reconciles = new ConcurrentQueue<ReconcileReason>();
        stream.UserData += (_, e) => events.Enqueue(e);
        stream.ReconcileRequested += (_, e) => reconciles.Enqueue(e.Reason);

        await stream.StartAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await server.Current!.SendAsync(OrderTradeUpdate);
        await server.Current!.SendAsync(AccountUpdate);
        await WsApiHarness.Until(() => events.Count == 2, "two events");
        await WsApiHarness.Until(() => stream.KeepAlives >= 1, "a keep-alive PUT");
        await server.Current!.SendAsync("""{"e":"listenKeyExpired","E":"1736996475556","listenKey":"key-1"}""");
        await WsApiHarness.Until(() => reconciles.Count == 2, "the reconcile after the new key");

        var fill = Assert.IsType<OrderUpdate>(events.First());
        Assert.Equal(UserDataMarket.UsdM, fill.Market);
        Assert.Equal(btc.Id, fill.SymbolId);
        Assert.Equal(71031, fill.LastPrice);     // 7103.1 at 1 decimal
        Assert.Equal(1, fill.LastQuantity);      // 0.001 at 3 decimals
        Assert.Equal(2, fill.Quantity);
        Assert.Equal(12345, fill.TradeId);
        Assert.Equal(-50_000_000, fill.RealizedProfit);
        Assert.Equal("GTX", fill.TimeInForce);
        Assert.Equal("BOTH", fill.PositionSide);
        var account = Assert.IsType<FuturesAccountUpdate>(events.ElementAt(1));
        Assert.Equal(-10_000, account.Positions[1].Amount);
        Assert.Equal("SHORT", account.Positions[1].PositionSide);
        Assert.Equal(12_262_412_345_678, account.Balances[0].WalletBalance);
        Assert.Equal([ReconcileReason.Started, ReconcileReason.ListenKeyExpired], reconciles.ToArray());
        Assert.Equal(["/ws/key-1", "/ws/key-2"], server.UpgradePaths.ToArray());
        var posts = server.HttpRequests.Where(r => r.Method == "POST").ToArray();
        Assert.Equal(2, posts.Length);
        Assert.All(server.HttpRequests, r => Assert.Equal("usdm-api-key", r.Headers["X-MBX-APIKEY"]));
        Assert.Contains(server.HttpRequests, r => r.Method == "PUT");
        Assert.Equal(1, stream.Reconnects);
        Assert.DoesNotContain(log, l => l.Contains("key-1", StringComparison.Ordinal) || l.Contains("usdm-api-key", StringComparison.Ordinal));
    }
}
