using System.Collections.Concurrent;
using HftScalper.Binance.Live;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.Native;

namespace HftScalper.Binance.IntegrationTests;

/// <summary>The real client (with the real parser, synchronizer and native books) against the fake exchange.</summary>
internal sealed class LiveHarness : IAsyncDisposable
{
    public const int CompareDepth = 20;
    // Generous: CI runs every test project at once on 2 cores; a wait only bounds a hang, it never measures speed.
    private static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private LiveHarness(FakeBinanceExchange fake, SymbolRegistry registry, SyncedBookFeed feed, LiveMarketDataClient client, ConcurrentQueue<string> log)
    {
        Log = log;
        Fake = fake;
        Registry = registry;
        Feed = feed;
        Client = client;
    }

    public FakeBinanceExchange Fake { get; }
    public SymbolRegistry Registry { get; }
    public SyncedBookFeed Feed { get; }
    public LiveMarketDataClient Client { get; }
    public ConcurrentQueue<string> Log { get; }

    public static async Task<LiveHarness> StartAsync(FakeExchangeOptions? fakeOptions = null,
        Func<LiveClientOptions, LiveClientOptions>? configure = null, bool start = true,
        int priceDecimals = DepthBookGenerator.PriceDecimals, int quantityDecimals = DepthBookGenerator.QuantityDecimals)
    {
        fakeOptions ??= new FakeExchangeOptions();
        var fake = await FakeBinanceExchange.StartAsync(fakeOptions);
        var registry = new SymbolRegistry();
        var market = fakeOptions.Futures ? BinanceMarket.UsdMFutures : BinanceMarket.Spot;
        foreach (var s in fakeOptions.Symbols)
            registry.Register(s, market == BinanceMarket.Spot ? "binance-spot" : "binance-usdm", priceDecimals, quantityDecimals);
        var feed = new SyncedBookFeed(registry, market);
        var log = new ConcurrentQueue<string>();
        var options = LiveClientOptions.Local(fake.BaseUri, market, [.. fakeOptions.Symbols]) with
        {
            // Long enough for a client to catch up while the fake is paused for a book comparison (a paused fake is
            // silent): at 1 s a loaded CI machine saw the catch-up outlast it, a stale drop, and a resync that a
            // paused fake can never bridge.
            StaleAfter = TimeSpan.FromSeconds(5),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            HandoverTimeout = TimeSpan.FromSeconds(3),
            SnapshotLimit = 1000,
            MaxFrameBytes = 256 * 1024,
            InitialReceiveBufferBytes = 4096,
            MaxSymbolId = 64,
            Log = log.Enqueue,
        };
        if (configure is not null) options = configure(options);
        var client = new LiveMarketDataClient(options, registry, feed);
        var h = new LiveHarness(fake, registry, feed, client, log);
        if (start) await client.StartAsync();
        return h;
    }

    public int Id(string symbol) => Registry.TryGet(symbol, out var s) ? s!.Id : throw new ArgumentException(symbol);

    public SymbolMetrics Metrics(string symbol) => Client.GetSymbolMetrics(Id(symbol)) ?? throw new InvalidOperationException(symbol);

    public ConnectionMetrics Connection(int group = 0) => Client.GetMetrics().Connections[group];

    public bool IsSynced(string symbol) => Feed.Synchronizer.GetState(Id(symbol)) == BookSyncState.Synced;

    public static async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultWait);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    public Task WaitSyncedAsync(params string[] symbols) =>
        WaitUntilAsync(() => symbols.All(IsSynced), $"{string.Join(",", symbols)} synced");

    /// <summary>Stops the source, waits until the client's book reached the source's update id, and compares the
    /// top levels price by price and quantity by quantity.</summary>
    public async Task AssertBookEqualsSourceAsync(string symbol)
    {
        Fake.Pause();
        try
        {
            var (updateId, bids, asks) = Fake.GetBook(symbol, CompareDepth);
            int id = Id(symbol);
            await WaitUntilAsync(() => IsSynced(symbol) && Feed.Synchronizer.GetBookUpdateId(id) == updateId,
                $"{symbol} synced at update id {updateId} (now {Feed.Synchronizer.GetState(id)} at {Feed.Synchronizer.GetBookUpdateId(id)})");
            var book = Feed.Synchronizer.GetBook(id)!;
            AssertSide(book, Side.Bid, bids);
            AssertSide(book, Side.Ask, asks);
            Assert.False(book.IsCrossed);
        }
        finally
        {
            Fake.Resume();
        }
    }

    private static void AssertSide(NativeOrderBook book, Side side, (long Price, long Quantity)[] expected)
    {
        var levels = new BookLevel[expected.Length];
        int n = book.CopyLevels(side, levels);
        Assert.Equal(expected.Length, n);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(expected[i].Price, levels[i].Price);
            Assert.Equal(expected[i].Quantity, levels[i].Quantity);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        Feed.Dispose();
        await Fake.DisposeAsync();
    }
}
