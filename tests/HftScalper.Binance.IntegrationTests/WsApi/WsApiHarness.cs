using System.Collections.Concurrent;
using HftScalper.Binance.Auth;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.IntegrationTests.WsApi;

/// <summary>A loopback server plus a real <see cref="WsApiClient"/> wired to it, with every event recorded.</summary>
internal sealed class WsApiHarness : IAsyncDisposable
{
    public static readonly byte[] Rfc8032Seed = Convert.FromHexString("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");

    public WsApiHarness(IRequestSigner? signer, TimeSpan? requestTimeout = null)
    {
        Symbols = new SymbolRegistry();
        Btc = Symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        Client = new WsApiClient(new WsApiClientOptions
        {
            Endpoint = Server.WsUri(),
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10), // generous: the test machine is shared
            ReconnectMinDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            Log = Log.Enqueue,
        }, signer, new UserDataParser(Symbols, Log.Enqueue));
        Client.ReconcileRequested += (_, e) => Reconciles.Enqueue(e.Reason);
        Client.UserData += (_, e) => Events.Enqueue(e);
        Client.LateResponse += (_, r) => Late.Enqueue(r);
        Client.Disconnected += (_, why) => Disconnects.Enqueue(why);
        Spot = new SpotTradingApi(Client);
    }

    public LoopbackWsServer Server { get; } = new();

    public SymbolRegistry Symbols { get; }

    public SymbolInfo Btc { get; }

    public WsApiClient Client { get; }

    public SpotTradingApi Spot { get; }

    public ConcurrentQueue<string> Log { get; } = new();

    public ConcurrentQueue<ReconcileReason> Reconciles { get; } = new();

    public ConcurrentQueue<UserDataEvent> Events { get; } = new();

    public ConcurrentQueue<WsApiResponse> Late { get; } = new();

    public ConcurrentQueue<string> Disconnects { get; } = new();

    public SpotOrderRequest Order(string clientOrderId) => new()
    {
        Symbol = Btc,
        Side = Core.Events.Side.Ask,
        Quantity = 1000,   // 0.01000 BTC
        Price = 5_200_000, // 52000.00 USDT
        ClientOrderId = clientOrderId,
    };

    public static async Task Until(Func<bool> condition, string what, int timeoutMs = 20000)
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
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
