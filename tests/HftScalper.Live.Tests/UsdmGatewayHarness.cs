using System.Collections.Concurrent;
using System.Globalization;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rest;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;
using OrderSide = HftScalper.Trading.Execution.OrderSide;
using OrderType = HftScalper.Trading.Execution.OrderType;
using OrderStatus = HftScalper.Trading.Execution.OrderStatus;

namespace HftScalper.Live.Tests;

/// <summary>
/// A fake Binance USD-M (in process, generator paused: the book moves only when a test trades), a real WebSocket API
/// client on <c>/ws-fapi/v1</c>, the listenKey user data stream and signed REST (HMAC), and a <see cref="TradingDesk"/>
/// whose gateway is a <see cref="BinanceUsdmGateway"/>. The test thread plays the strategy thread.
/// </summary>
internal sealed class UsdmGatewayHarness : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";
    public const string ApiKey = "usdm-hmac-key";
    public const string Secret = "Qm3xZ8v1c7N2hJ0pR4tY6uI9oA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0rT2yU4lkz";

    private readonly List<IAsyncDisposable> _owned = [];

    public required FakeBinanceExchange Fake { get; init; }
    public required WsApiClient Client { get; init; }
    public required FuturesUserDataStream UserData { get; init; }
    public required FuturesOrderClient Rest { get; init; }
    public required TradingDesk Desk { get; init; }
    public required BinanceUsdmGateway Gateway { get; init; }
    public required ClientOrderIdSession Session { get; init; }
    public required RecordingSink Sink { get; init; }
    public required ConcurrentQueue<string> Log { get; init; }
    public ConcurrentQueue<string> Reconciles { get; } = new();

    public static async Task<UsdmGatewayHarness> StartAsync(TimeSpan? requestTimeout = null, BinanceUsdmGatewayOptions? options = null)
    {
        var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Futures = true,
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            Seed = 7,
        });
        fake.Pause();
        var log = new ConcurrentQueue<string>();
        using var http = new HttpClient { BaseAddress = fake.BaseUri };
        var info = ExchangeInfoParser.Parse(await http.GetByteArrayAsync(new Uri("/fapi/v1/exchangeInfo", UriKind.Relative)));
        var symbols = new SymbolRegistry();
        symbols.Register(Symbol, "binance-usdm", 2, 5);
        var signer = new HmacSha256Signer(ApiKey, Secret);
        var parser = new UserDataParser(symbols, log.Enqueue);
        var client = new WsApiClient(new WsApiClientOptions
        {
            Endpoint = new UriBuilder(fake.BaseUri) { Scheme = "ws", Path = "/ws-fapi/v1" }.Uri,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            SubscribeUserData = false,
            Log = log.Enqueue,
        }, signer, parser);
        await client.StartAsync();
        var stream = new FuturesUserDataStream(new FuturesUserDataOptions
        {
            RestBase = fake.BaseUri,
            StreamBase = new UriBuilder(fake.BaseUri) { Scheme = "ws", Path = "/" }.Uri,
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            Log = log.Enqueue,
        }, ApiKey, parser);
        await stream.StartAsync();
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1 });
        var rest = new BinanceRestClient(new BinanceRestOptions(fake.BaseUri, BinanceMarket.UsdMFutures), signer, sync,
            new RateLimitTracker(info.RateLimits), null, log.Enqueue);
        Assert.True(await sync.SyncAsync(rest.GetServerTimeMsAsync, CancellationToken.None), "clock sync with the fake");
        var orders = new FuturesOrderClient(rest);
        var session = new ClientOrderIdSession("usdmtest");
        var factory = new BinanceUsdmGatewayFactory(new UsdmTradingApi(client), stream, orders, info.Symbols, session,
            options ?? new BinanceUsdmGatewayOptions { Log = log.Enqueue });
        var sink = new RecordingSink();
        var desk = new TradingDesk(symbols, new TradingDeskOptions { OrderIds = session, InitialEquity = 100_000 }, factory, sink);
        var h = new UsdmGatewayHarness
        {
            Fake = fake, Client = client, UserData = stream, Rest = orders, Desk = desk, Gateway = factory.Gateway!,
            Session = session, Sink = sink, Log = log,
        };
        h.Gateway.ReconcileNeeded += (_, why) => h.Reconciles.Enqueue(why);
        h._owned.Add(h.Gateway);
        h._owned.Add(stream);
        h._owned.Add(client);
        h._owned.Add(fake);
        await Until(() => h.Gateway.StreamsUp, "the order session and the user data stream");
        return h;
    }

    public (long Price, long Qty) BestBid()
    {
        var b = Fake.GetBook(Symbol, 1).Bids[0];
        return (b.Price, b.Quantity);
    }

    public (long Price, long Qty) BestAsk()
    {
        var a = Fake.GetBook(Symbol, 1).Asks[0];
        return (a.Price, a.Quantity);
    }

    public ClientOrderId Submit(OrderSide side, OrderType type, long priceTicks, long lots, bool reduceOnly = false)
    {
        var r = new OrderRequest { SymbolId = 0, Side = side, Type = type, PriceTicks = priceTicks, QuantityLots = lots, ReduceOnly = reduceOnly, TimeNs = 1 };
        Assert.True(Desk.Orders.TryCreate(ref r));
        Desk.Gateway.Submit(in r);
        return r.ClientOrderId;
    }

    public async Task PumpUntil(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var tick = default(Core.Events.MarketEvent);
            Desk.OnMarketEvent(in tick);
            if (condition()) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}; reports: {string.Join(", ", Sink.Reports.Select(r => $"{r.Kind}/{r.Reason}"))}; log: {string.Join(" | ", Log.TakeLast(8))}");
            await Task.Delay(10);
        }
    }

    public OrderStatus StatusOf(ClientOrderId id) => Desk.Orders.TryGet(id, out var o) ? o.Status : OrderStatus.None;

    /// <summary>The fake's orders carrying the venue id of <paramref name="id"/>.</summary>
    public FakeOrder[] VenueOrders(ClientOrderId id)
    {
        string text = Session.Format(id);
        return Fake.WithEngine(e => e.Orders.Values.Where(o => o.ClientOrderId == text).ToArray());
    }

    public FakeOrder[] OpenVenueOrders() => Fake.WithEngine(e => e.OpenOrders.ToArray());

    /// <summary>The fake's position of the symbol in lots (0.00001) and its wallet balance.</summary>
    public (long Lots, decimal Wallet) VenuePosition()
    {
        var (amount, _, wallet) = Fake.WithEngine(e => e.PositionOf(Symbol));
        return ((long)(amount * 100_000m), wallet);
    }

    public static decimal Price(long ticks) => ticks / 100m;

    public static string Text(long ticks) => Price(ticks).ToString(CultureInfo.InvariantCulture);

    public static async Task Until(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var d in _owned) await d.DisposeAsync();
        Rest.Rest.Dispose();
    }
}
