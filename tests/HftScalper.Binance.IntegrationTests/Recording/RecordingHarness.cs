using System.Collections.Concurrent;
using HftScalper.Binance.Live;
using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.FakeExchange;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Live;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>The real live client recording the fake exchange through the journal tap, as <c>hft record</c> wires it.</summary>
internal sealed class RecordingHarness : IAsyncDisposable
{
    private bool _stopped;

    private RecordingHarness(FakeBinanceExchange fake, SymbolRegistry registry, SyncedBookFeed feed, LiveJournalRecorder recorder,
        RecordingBookSync tap, LiveMarketDataClient client, string dir)
    {
        Fake = fake;
        Registry = registry;
        Feed = feed;
        Recorder = recorder;
        Tap = tap;
        Client = client;
        Directory = dir;
    }

    public FakeBinanceExchange Fake { get; }
    public SymbolRegistry Registry { get; }
    public SyncedBookFeed Feed { get; }
    public LiveJournalRecorder Recorder { get; }
    public RecordingBookSync Tap { get; }
    public LiveMarketDataClient Client { get; }
    public string Directory { get; }
    public ConcurrentQueue<string> Log { get; } = new();

    public static async Task<RecordingHarness> StartAsync(FakeExchangeOptions fakeOptions, string dir, int priceDecimals, int quantityDecimals)
    {
        var fake = await FakeBinanceExchange.StartAsync(fakeOptions);
        var registry = new SymbolRegistry();
        foreach (var s in fakeOptions.Symbols) registry.Register(s, "binance-spot", priceDecimals, quantityDecimals);
        var log = new ConcurrentQueue<string>();
        var recorder = new LiveJournalRecorder(new JournalWriterOptions { Directory = dir, Symbols = registry, Log = log.Enqueue });
        var feed = new SyncedBookFeed(registry, BinanceMarket.Spot);
        var tap = new RecordingBookSync(feed, recorder);
        var options = LiveClientOptions.Local(fake.BaseUri, BinanceMarket.Spot, [.. fakeOptions.Symbols]) with
        {
            BookTicker = true,
            Trades = true,
            StaleAfter = TimeSpan.FromSeconds(5),
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(50),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(500),
            MaxSymbolId = 64,
            Log = log.Enqueue,
        };
        var client = new LiveMarketDataClient(options, registry, tap);
        var h = new RecordingHarness(fake, registry, feed, recorder, tap, client, dir);
        foreach (var line in log) h.Log.Enqueue(line);
        await client.StartAsync();
        return h;
    }

    public SymbolMetrics Metrics(string symbol) =>
        Client.GetSymbolMetrics(Registry.TryGet(symbol, out var s) ? s!.Id : -1) ?? throw new InvalidOperationException(symbol);

    public bool IsSynced(string symbol) => Registry.TryGet(symbol, out var s) && Feed.Synchronizer.GetState(s!.Id) == BookSyncState.Synced;

    /// <summary>Stops the client (no more frames), then drains and closes the journal: as Ctrl+C in <c>hft record</c>.</summary>
    public async Task<bool> StopAsync()
    {
        _stopped = true;
        await Client.DisposeAsync();
        return Recorder.Stop(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stopped) await StopAsync();
        Recorder.Dispose();
        Feed.Dispose();
        await Fake.DisposeAsync();
    }
}
