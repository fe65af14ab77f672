using System.Globalization;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rules;
using UserDataParser = HftScalper.Binance.UserData.UserDataParser;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// A fake Binance (in process, generator paused: the book moves only when a test trades), a real WebSocket API client
/// signing with an HMAC key, and a <see cref="TradingDesk"/> whose gateway is a <see cref="BinanceSpotGateway"/>.
/// The test thread plays the strategy thread: it submits and delivers reports.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";
    private const string ApiKey = "gateway-hmac-key";
    private const string Secret = "lkzX3m1wQ8v5c7N2hJ0pR4tY6uI9oA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0rT2yU4";

    private GatewayHarness(FakeBinanceExchange fake, WsApiClient client, TradingDesk desk, BinanceSpotGateway gateway, ClientOrderIdSession session, RecordingSink sink, System.Collections.Concurrent.ConcurrentQueue<string> log)
    {
        Log = log;
        Fake = fake;
        Client = client;
        Desk = desk;
        Gateway = gateway;
        Session = session;
        Sink = sink;
    }

    public FakeBinanceExchange Fake { get; }
    public WsApiClient Client { get; }
    public TradingDesk Desk { get; }
    public BinanceSpotGateway Gateway { get; }
    public ClientOrderIdSession Session { get; }
    public RecordingSink Sink { get; }
    public System.Collections.Concurrent.ConcurrentQueue<string> Log { get; }

    public static async Task<GatewayHarness> StartAsync(TimeSpan? requestTimeout = null)
    {
        var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            Seed = 7,
            MakerFee = 0m, // fees in the base asset would make the BTC balance differ from the position; see FeeOf
            TakerFee = 0m,
        });
        fake.Pause();
        using var http = new HttpClient { BaseAddress = fake.BaseUri };
        var info = ExchangeInfoParser.Parse(await http.GetByteArrayAsync(new Uri("/api/v3/exchangeInfo", UriKind.Relative)));
        var symbols = new SymbolRegistry();
        symbols.Register(Symbol, "binance-spot", 2, 5);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var wsApi = new UriBuilder(fake.BaseUri) { Scheme = "ws", Path = "/ws-api/v3" }.Uri;
        var client = new WsApiClient(new WsApiClientOptions
        {
            Endpoint = wsApi,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            Log = log.Enqueue,
        }, new HmacSha256Signer(ApiKey, Secret), new UserDataParser(symbols, log.Enqueue));
        await client.StartAsync();
        await Until(() => client.IsReady, "the WS API session");
        var session = new ClientOrderIdSession("gwtest");
        var factory = new BinanceSpotGatewayFactory(new SpotTradingApi(client), info.Symbols, session,
            new BinanceSpotGatewayOptions { Log = log.Enqueue });
        var sink = new RecordingSink();
        var desk = new TradingDesk(symbols, new TradingDeskOptions { OrderIds = session, InitialEquity = 100_000 }, factory, sink);
        return new GatewayHarness(fake, client, desk, factory.Gateway!, session, sink, log);
    }

    /// <summary>Best bid in ticks (0.01) and its size in lots (0.00001).</summary>
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

    /// <summary>Creates the order in the tracker (fresh id) and submits it, as the desk does.</summary>
    public ClientOrderId Submit(OrderSide side, OrderType type, long priceTicks, long lots)
    {
        var r = new OrderRequest { SymbolId = 0, Side = side, Type = type, PriceTicks = priceTicks, QuantityLots = lots, TimeNs = 1 };
        Assert.True(Desk.Orders.TryCreate(ref r));
        Desk.Gateway.Submit(in r);
        return r.ClientOrderId;
    }

    /// <summary>Feeds market events to the desk on this (the strategy) thread, which delivers the gateway's reports,
    /// until <paramref name="condition"/> holds.</summary>
    public async Task PumpUntil(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var tick = default(Core.Events.MarketEvent);
            Desk.OnMarketEvent(in tick);
            if (condition()) return;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}; reports: {string.Join(", ", Sink.Reports.Select(r => $"{r.Kind}/{r.Reason}"))}");
            await Task.Delay(10);
        }
    }

    public OrderStatus StatusOf(ClientOrderId id) => Desk.Orders.TryGet(id, out var o) ? o.Status : OrderStatus.None;

    public FakeOrder[] VenueOrders(ClientOrderId id)
    {
        string text = Session.Format(id);
        return Fake.WithEngine(e => e.Orders.Values.Where(o => o.ClientOrderId == text).ToArray());
    }

    /// <summary>The fake's balance of an asset (free + locked) in units of 10^-decimals.</summary>
    public long Balance(string asset, int decimals)
    {
        var (free, locked) = Fake.WithEngine(e => e.BalanceOf(asset));
        return (long)decimal.Round((free + locked) * (decimal)Math.Pow(10, decimals));
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
        await Gateway.DisposeAsync();
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
