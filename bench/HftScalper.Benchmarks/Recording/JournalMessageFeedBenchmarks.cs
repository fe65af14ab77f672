using BenchmarkDotNet.Attributes;
using HftScalper.Benchmarks.Binance;
using HftScalper.Binance.Feeds;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Replay;

namespace HftScalper.Benchmarks.Recording;

/// <summary>
/// What <c>hft replay</c> reads from an event journal: the 08-08 BTCUSDT recording converted to events (needs
/// ../shared/data or HFT_SHARED_DATA), read a message at a time through <see cref="BinanceEventFeed.TryReadMessage"/>
/// (the trading pipeline's producer) into a checksum. Baseline: the previous way, one
/// <see cref="IMarketEventSource.TryRead"/> call and copy per event (the same reader behind a wrapper that buffers
/// nothing). Row: the rest of each journal block already read in comes in one bulk copy
/// (<see cref="IMarketEventBatchSource.ReadBuffered"/>). One op = one event; setup checks both give the same messages.
/// </summary>
[MemoryDiagnoser]
public class JournalMessageFeedBenchmarks
{
    private const int Events = 163_887; // the 08-08 file's events, checked in setup
    private string _dir = "";

    /// <summary>Converts the recording to an event journal and checks the two ways agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string data = BinanceBenchData.DataDir() ?? throw new InvalidOperationException("../shared/data is absent (set HFT_SHARED_DATA)");
        _dir = Path.Combine(Path.GetTempPath(), "hft-bench-feed-" + Environment.ProcessId);
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
        var registry = new SymbolRegistry();
        using (var src = ReplaySourceFactory.Open(registry, Path.Combine(data, "binance", "spot", "btcusdt_20240808.gz")))
            EventJournalConverter.Convert(src, new JournalWriterOptions { Directory = _dir, Symbols = registry, Log = _ => { } });
        var (a, na) = Read(buffered: false);
        var (b, nb) = Read(buffered: true);
        if (a != b || na != nb || na != Events) throw new InvalidOperationException($"feeds differ: {na} events / {a} vs {nb} / {b} (expected {Events} events)");
    }

    /// <summary>Removes the journal.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    /// <summary>The previous way: one call and one copy per event.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long EventByEvent() => Read(buffered: false).Checksum;

    /// <summary>The rest of each block in one bulk copy.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long BufferedBlock() => Read(buffered: true).Checksum;

    private (long Checksum, long Events) Read(bool buffered)
    {
        using var reader = new EventJournalReader(_dir, new SymbolRegistry(), _ => { });
        var feed = new BinanceEventFeed(buffered ? reader : new UnbufferedBatches(reader));
        long sum = 0;
        while (feed.TryReadMessage(out var message))
        {
            sum = (sum * 31) + message.Length;
            foreach (ref readonly var e in message) sum ^= e.LocalTimeNs ^ (e.Price * 31) ^ e.Quantity ^ e.UpdateId;
        }
        return (sum, feed.Events);
    }

    // The reader as the feed saw it before buffered reads: a batch source whose ReadBuffered is the default (none).
    private sealed class UnbufferedBatches(EventJournalReader inner) : IMarketEventBatchSource
    {
        public string Description => inner.Description;

        public bool TryRead(out MarketEvent ev) => inner.TryRead(out ev);

        public int ReadBatch(Span<MarketEvent> destination) => inner.ReadBatch(destination);

        public void Dispose() { }
    }
}
