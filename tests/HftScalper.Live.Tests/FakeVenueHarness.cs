using System.Collections.Concurrent;
using System.Globalization;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rules;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;
using OrderStatus = HftScalper.Trading.Execution.OrderStatus;

namespace HftScalper.Live.Tests;

/// <summary>
/// What every live harness shares: a fake Binance in process (generator paused, so the book moves only when a test
/// trades), its exchange info and one registered symbol, a <see cref="TradingDesk"/> over a real gateway, and the
/// helpers the tests read the venue with. The derived harnesses add the market's own clients.
/// </summary>
internal abstract class FakeVenueHarness : IAsyncDisposable
{
    public const string Symbol = "BTCUSDT";

    public required FakeBinanceExchange Fake { get; init; }
    public required TradingDesk Desk { get; init; }
    public required ClientOrderIdSession Session { get; init; }
    public required ConcurrentQueue<string> Log { get; init; }

    /// <summary>The traded symbol at the fake (<see cref="Symbol"/>, or a COIN-M harness's contract).</summary>
    public string Traded { get; init; } = Symbol;

    /// <summary>Best bid in ticks (0.01) and its size in lots (0.00001).</summary>
    public (long Price, long Qty) BestBid()
    {
        var b = Fake.GetBook(Traded, 1).Bids[0];
        return (b.Price, b.Quantity);
    }

    /// <summary>Best ask in ticks (0.01) and its size in lots (0.00001).</summary>
    public (long Price, long Qty) BestAsk()
    {
        var a = Fake.GetBook(Traded, 1).Asks[0];
        return (a.Price, a.Quantity);
    }

    public OrderStatus StatusOf(ClientOrderId id) => Desk.Orders.TryGet(id, out var o) ? o.Status : OrderStatus.None;

    /// <summary>The fake's orders carrying the venue id of <paramref name="id"/>.</summary>
    public FakeOrder[] VenueOrders(ClientOrderId id)
    {
        string text = Session.Format(id);
        return Fake.WithEngine(e => e.Orders.Values.Where(o => o.ClientOrderId == text).ToArray());
    }

    /// <summary>Every open order at the fake.</summary>
    public FakeOrder[] OpenVenueOrders() => Fake.WithEngine(e => e.OpenOrders.ToArray());

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

    /// <summary>Starts the fake with one HMAC key, pauses its generator and reads its exchange info from
    /// <paramref name="exchangeInfoPath"/>; <see cref="Symbol"/> is registered for <paramref name="venue"/>.</summary>
    protected static async Task<VenueStart> StartVenueAsync(FakeExchangeOptions options, string exchangeInfoPath, string venue,
        string symbol = Symbol, int quantityDecimals = 5)
    {
        var fake = await FakeBinanceExchange.StartAsync(options);
        fake.Pause();
        using var http = new HttpClient { BaseAddress = fake.BaseUri };
        var info = ExchangeInfoParser.Parse(await http.GetByteArrayAsync(new Uri(exchangeInfoPath, UriKind.Relative)));
        var symbols = new SymbolRegistry();
        symbols.Register(symbol, venue, 2, quantityDecimals);
        var log = new ConcurrentQueue<string>();
        return new VenueStart(fake, info, symbols, log, new UserDataParser(symbols, log.Enqueue));
    }

    /// <summary>A started WebSocket API client on <paramref name="path"/> of the fake.</summary>
    protected static async Task<WsApiClient> StartWsApiAsync(VenueStart venue, string path, IRequestSigner signer,
        TimeSpan? requestTimeout, bool subscribeUserData = true)
    {
        var client = new WsApiClient(new WsApiClientOptions
        {
            Endpoint = new UriBuilder(venue.Fake.BaseUri) { Scheme = "ws", Path = path }.Uri,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            SubscribeUserData = subscribeUserData,
            Log = venue.Log.Enqueue,
        }, signer, venue.Parser);
        await client.StartAsync();
        return client;
    }

    public abstract ValueTask DisposeAsync();

    /// <summary>What <see cref="StartVenueAsync"/> set up.</summary>
    protected sealed record VenueStart(FakeBinanceExchange Fake, ExchangeInfo Info, SymbolRegistry Symbols,
        ConcurrentQueue<string> Log, UserDataParser Parser);
}
