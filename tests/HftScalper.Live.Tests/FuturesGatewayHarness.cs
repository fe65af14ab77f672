using System.Collections.Concurrent;
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
/// whose gateway is a <see cref="BinanceFuturesGateway"/>. The test thread plays the strategy thread.
/// </summary>
internal sealed class FuturesGatewayHarness : TestThreadDeskHarness
{
    public const string ApiKey = "usdm-hmac-key";
    public const string Secret = "Qm3xZ8v1c7N2hJ0pR4tY6uI9oA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0rT2yU4lkz";

    private readonly List<IAsyncDisposable> _owned = [];

    public required WsApiClient Client { get; init; }
    public required FuturesUserDataStream UserData { get; init; }
    public required FuturesOrderClient Rest { get; init; }
    public required BinanceFuturesGateway Gateway { get; init; }
    public ConcurrentQueue<string> Reconciles { get; } = new();

    /// <summary>The COIN-M contract a <see cref="StartCoinMAsync"/> harness trades.</summary>
    public const string CoinMSymbol = "BTCUSD_PERP";

    public static Task<FuturesGatewayHarness> StartAsync(TimeSpan? requestTimeout = null, BinanceFuturesGatewayOptions? options = null) =>
        StartAsync(BinanceMarket.UsdMFutures, requestTimeout, options, null);

    /// <summary>The same harness on COIN-M: the fake serves <see cref="CoinMSymbol"/> on <c>/dapi</c> and <c>/ws-dapi/v1</c>
    /// with exchangeInfo's <c>contractSize</c> <paramref name="contractSize"/> (USD), a 1000 BTC wallet, and the desk
    /// trades the contract sizes <see cref="ExchangeContractSizes"/> resolves from that exchangeInfo.</summary>
    public static Task<FuturesGatewayHarness> StartCoinMAsync(long contractSize, TimeSpan? requestTimeout = null) =>
        StartAsync(BinanceMarket.CoinMFutures, requestTimeout, null, contractSize);

    private static async Task<FuturesGatewayHarness> StartAsync(BinanceMarket market, TimeSpan? requestTimeout, BinanceFuturesGatewayOptions? options,
        long? contractSize)
    {
        bool coinM = market == BinanceMarket.CoinMFutures;
        string symbol = coinM ? CoinMSymbol : Symbol;
        var venue = await StartVenueAsync(new FakeExchangeOptions
        {
            Futures = true,
            CoinM = coinM,
            Symbols = [symbol],
            ContractSizes = new Dictionary<string, long> { [CoinMSymbol] = contractSize ?? 100 },
            StartingBalances = new Dictionary<string, decimal> { ["USDT"] = 100_000m, ["BTC"] = 1000m },
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            Seed = 7,
        }, market.RestPrefix() + "/exchangeInfo", market.VenueName(), symbol, coinM ? 0 : 5);
        var (fake, info, symbols, log, parser) = (venue.Fake, venue.Info, venue.Symbols, venue.Log, venue.Parser);
        var signer = new HmacSha256Signer(ApiKey, Secret);
        var client = await StartWsApiAsync(venue, market.WsApiPath(), signer, requestTimeout, subscribeUserData: false);
        var stream = new FuturesUserDataStream(new FuturesUserDataOptions
        {
            RestBase = fake.BaseUri,
            StreamBase = new UriBuilder(fake.BaseUri) { Scheme = "ws", Path = "/" }.Uri,
            ListenKeyPath = market.RestPrefix() + "/listenKey",
            ReconnectMinDelay = TimeSpan.FromMilliseconds(50),
            Log = log.Enqueue,
        }, ApiKey, parser);
        await stream.StartAsync();
        var sync = new ServerTimeSync(new ServerTimeSyncOptions { Samples = 1 });
        var rest = new BinanceRestClient(new BinanceRestOptions(fake.BaseUri, market), signer, sync,
            new RateLimitTracker(info.RateLimits), null, log.Enqueue);
        Assert.True(await sync.SyncAsync(rest.GetServerTimeMsAsync, CancellationToken.None), "clock sync with the fake");
        var orders = new FuturesOrderClient(rest);
        var session = new ClientOrderIdSession("usdmtest");
        var factory = new BinanceFuturesGatewayFactory(new FuturesTradingApi(client), stream, orders, info.Symbols, session,
            options ?? new BinanceFuturesGatewayOptions { Log = log.Enqueue });
        var sink = new RecordingSink();
        var sizes = ExchangeContractSizes.Resolve([symbol], info.Symbols, null, log.Enqueue);
        var desk = new TradingDesk(symbols, new TradingDeskOptions
        {
            OrderIds = session, InitialEquity = 100_000, Futures = new Trading.Margin.FuturesOptions { ContractSizes = sizes },
        }, factory, sink);
        var h = new FuturesGatewayHarness
        {
            Fake = fake, Client = client, UserData = stream, Rest = orders, Desk = desk, Gateway = factory.Gateway!,
            Session = session, Sink = sink, Log = log, Traded = symbol,
        };
        h.Gateway.ReconcileNeeded += (_, why) => h.Reconciles.Enqueue(why);
        h._owned.Add(h.Gateway);
        h._owned.Add(stream);
        h._owned.Add(client);
        h._owned.Add(fake);
        await Until(() => h.Gateway.StreamsUp, "the order session and the user data stream");
        return h;
    }

    /// <summary>
    /// The lost-answer scenario of both futures markets: with the user stream silent, a buy of <paramref name="lots"/> at
    /// the best bid whose answer never comes, then a trade of <paramref name="partialTrade"/>(displayed bid size) that
    /// fills part of it while its outcome is unknown; returns once <c>order.status</c> resolved it as partially filled.
    /// </summary>
    public async Task<(ClientOrderId Id, long Bid)> LostAckThenPartialFillAsync(long lots, Func<long, decimal> partialTrade)
    {
        var (bid, bidQty) = BestBid();
        Fake.SilenceUserStream();              // only the query can tell what happened
        Fake.InjectOrderFault(OrderFault.LostAck);
        var id = Submit(OrderSide.Buy, OrderType.Limit, bid, lots);
        await Until(() => VenueOrders(id).Length == 1, "the order at the venue");
        Fake.SimulateTrade(Traded, Price(bid), partialTrade(bidQty));
        await PumpUntil(() => Gateway.Resolved == 1, "the resolving query");
        await PumpUntil(() => StatusOf(id) == OrderStatus.PartiallyFilled, "the queried state");
        return (id, bid);
    }

    /// <summary>The fake's position of the symbol in lots (0.00001) and its wallet balance.</summary>
    public (long Lots, decimal Wallet) VenuePosition()
    {
        var (amount, _, wallet) = Fake.WithEngine(e => e.PositionOf(Traded));
        return ((long)(amount * (Traded == CoinMSymbol ? 1m : 100_000m)), wallet);
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var d in _owned) await d.DisposeAsync();
        Rest.Rest.Dispose();
    }
}
