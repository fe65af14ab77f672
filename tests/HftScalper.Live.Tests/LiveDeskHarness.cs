using System.Collections.Concurrent;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The live desk as <c>hft run --mode testnet</c> builds it, against the fake exchange in process over a real
/// WebSocket API connection: a <see cref="TradingDesk"/> whose gateway is a <see cref="LiveDeskGateway"/> over the
/// spot gateway, a <see cref="VenueGate"/> and a <see cref="LiveReconciler"/>. A pump task plays the trading thread: it
/// feeds the desk an event every 5 ms (delivering reports, answering compare requests) and runs posted actions.
/// </summary>
internal sealed class LiveDeskHarness : FakeVenueHarness
{
    private const string ApiKey = "live-desk-hmac-key";
    private const string Secret = "Qm3xR7vT1pL9sD5fG2hJ8kZ4cV6bN0wE3rT5yU7iO9pA1sD3fG5hJ7kL9zX2cV4b";
    private readonly ConcurrentQueue<Action> _onTradingThread = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    public required WsApiClient Client { get; init; }
    public required LiveDeskFactory Factory { get; init; }
    public required VenueGate Gate { get; init; }
    public required LiveReconciler Reconciler { get; init; }

    public LiveDeskGateway Gateway => Factory.Gateway!;

    public SpotTradingApi Api => new(Client);

    public static async Task<LiveDeskHarness> StartAsync(UnknownOrderPolicy policy = UnknownOrderPolicy.Cancel, TimeSpan? requestTimeout = null)
    {
        var venue = await StartVenueAsync(new FakeExchangeOptions
        {
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            Seed = 11,
        }, "/api/v3/exchangeInfo", "binance-spot");
        var (fake, info, symbols, log) = (venue.Fake, venue.Info, venue.Symbols, venue.Log);
        var client = await StartWsApiAsync(venue, "/ws-api/v3", new HmacSha256Signer(ApiKey, Secret), requestTimeout);
        var session = new ClientOrderIdSession("desktest");
        var gate = new VenueGate();
        var options = new LiveReconcilerOptions
        {
            UnknownOrders = policy, Attempts = 3, AttemptDelay = TimeSpan.FromMilliseconds(100), Log = log.Enqueue,
        };
        var factory = new LiveDeskFactory(new BinanceSpotGatewayFactory(new SpotTradingApi(client), info.Symbols, session,
            new BinanceSpotGatewayOptions { Log = log.Enqueue }), gate, options);
        var desk = new TradingDesk(symbols, new TradingDeskOptions { OrderIds = session, InitialEquity = 100_000 }, factory);
        var h = new LiveDeskHarness
        {
            Fake = fake, Client = client, Desk = desk, Factory = factory, Gate = gate, Session = session, Log = log,
            Reconciler = new LiveReconciler(factory, gate, options),
        };
        h._pump = Task.Run(h.PumpAsync);
        return h;
    }

    /// <summary>Runs <paramref name="action"/> on the pump (trading) thread and waits for it.</summary>
    public Task<T> OnTradingThread<T>(Func<T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _onTradingThread.Enqueue(() =>
        {
            try
            {
                done.SetResult(action());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        });
        return done.Task;
    }

    /// <summary>Places an order at the venue under a foreign client order id (another process, a previous run).</summary>
    public async Task PlaceForeignAsync(string clientOrderId, long priceTicks, long lots, string type = "LIMIT")
    {
        var r = await Api.PlaceOrderAsync(new SpotOrderRequest
        {
            Symbol = Desk.Gateway is LiveDeskGateway ? SymbolOf() : throw new InvalidOperationException(),
            Side = Core.Events.Side.Bid,
            Type = type,
            TimeInForce = type == "LIMIT" ? "GTC" : null,
            Quantity = lots,
            Price = type == "MARKET" ? null : priceTicks,
            ClientOrderId = clientOrderId,
        });
        Assert.True(r.IsOk, r.ToString());
    }

    public int VenueOpenOrders() => Fake.WithEngine(e => e.OpenOrders.Count);

    private static SymbolInfo SymbolOf()
    {
        var r = new SymbolRegistry();
        r.Register(Symbol, "binance-spot", 2, 5);
        return r[0];
    }

    private async Task PumpAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var tick = default(Core.Events.MarketEvent);
            Desk.OnMarketEvent(in tick);
            while (_onTradingThread.TryDequeue(out var a)) a();
            try
            {
                await Task.Delay(5, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_pump is not null) await _pump;
        await Gateway.Venue.DisposeAsync();
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
        _stop.Dispose();
    }
}
