using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using HftScalper.Benchmarks.Pipeline;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;

namespace HftScalper.Benchmarks.Binance;

/// <summary>
/// Parse + sync + native book over the whole real BTCUSDT recording (99,574 messages per invocation, so the
/// reported time is per message): our pipeline (BookReplay) vs a typical client (JsonSerializer DTOs with decimal
/// prices, SortedDictionary books, the same spot update-id rules). Needs ../shared/data (or HFT_SHARED_DATA).
/// </summary>
[MemoryDiagnoser]
public class BookReplayBenchmarks
{
    private const int Messages = 99_574;
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };
    private static readonly MarketEvent Reconnect = new()
    {
        Kind = MarketEventKind.Status, SymbolId = -1, UpdateId = (long)FeedStatus.Reconnected, Flags = MarketEventFlags.LastInMessage,
    };

    private RawFrame[] _frames = [];
    private BookReplay _replay = null!;
    private BinanceParser _parser = null!;

    /// <summary>Loads the recording and checks both pipelines rebuild the same book history.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var lines = BinanceBenchData.LoadSpot() ?? throw new InvalidOperationException("../shared/data is absent (set HFT_SHARED_DATA)");
        if (lines.Count != Messages) throw new InvalidOperationException($"expected {Messages} messages, found {lines.Count}");
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 8).Id;
        _frames = lines.Select(l => l.Json.AsSpan().StartsWith("{\"lastUpdateId\""u8)
            ? new RawFrame(l.LocalNs, FrameOrigin.RestSnapshot, btc, 0, l.Json)
            : new RawFrame(l.LocalNs, FrameOrigin.WebSocket, -1, 0, l.Json)).ToArray();
        _replay = new BookReplay(DepthSyncRule.Spot);
        _parser = BinanceEventFeed.ReplayParser(registry, autoRegisterVenue: null);
        long applied = Pipeline();
        long baselineApplied = NaiveClient();
        if (applied != 6493 || baselineApplied != 6493 || _replay.Check.Matched != 1072 || _replay.Check.Checked != 1072)
            throw new InvalidOperationException($"checksum: applied {applied} / baseline {baselineApplied}, tickers {_replay.Check.Matched}/{_replay.Check.Checked}");
    }

    /// <summary>Releases the native books.</summary>
    [GlobalCleanup]
    public void Cleanup() => _replay.Dispose();

    /// <summary>Typical client: JsonSerializer + decimal + SortedDictionary books; returns applied diffs.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public long NaiveClient()
    {
        var bids = new SortedDictionary<decimal, decimal>(Comparer<decimal>.Create((x, y) => y.CompareTo(x)));
        var asks = new SortedDictionary<decimal, decimal>();
        var pending = new List<DepthDto>();
        long bookId = -1, applied = 0;
        foreach (var f in _frames)
        {
            var json = f.Payload.Span;
            if (f.Origin == FrameOrigin.RestSnapshot)
            {
                var s = JsonSerializer.Deserialize<SnapshotDto>(json, Json)!;
                bids.Clear();
                asks.Clear();
                foreach (var l in s.Bids!) bids[l[0]] = l[1];
                foreach (var l in s.Asks!) asks[l[0]] = l[1];
                bookId = s.LastUpdateId;
                foreach (var d in pending) applied += Apply(d, bids, asks, ref bookId);
                pending.Clear();
            }
            else if (json.IndexOf("@depth"u8) >= 0)
            {
                var d = JsonSerializer.Deserialize<CombinedDto<DepthDto>>(json, Json)!.Data!;
                if (bookId < 0) pending.Add(d);
                else applied += Apply(d, bids, asks, ref bookId);
            }
            else if (json.IndexOf("@bookTicker"u8) >= 0) JsonSerializer.Deserialize<CombinedDto<TickerDto>>(json, Json);
            else JsonSerializer.Deserialize<CombinedDto<TradeDto>>(json, Json);
        }
        return applied;
    }

    /// <summary>Our pipeline: parser -> BookSynchronizer -> NativeOrderBook -> ticker check; returns applied diffs.
    /// A reconnect status first makes every invocation a full resync from the recording's snapshot.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public long Pipeline()
    {
        long before = _replay.Sync.Counters.Applied;
        var outcome = _replay.Sync.OnEvent(in Reconnect);
        _replay.Check.Observe(in Reconnect, outcome);
        _replay.Run(new BinanceEventFeed(new MemoryFrameSource(_frames), _parser));
        return _replay.Sync.Counters.Applied - before;
    }

    private static long Apply(DepthDto d, SortedDictionary<decimal, decimal> bids, SortedDictionary<decimal, decimal> asks, ref long bookId)
    {
        if (d.FinalUpdateId <= bookId) return 0;
        if (d.FirstUpdateId > bookId + 1) throw new InvalidOperationException("gap");
        foreach (var l in d.Bids!) { if (l[1] == 0) bids.Remove(l[0]); else bids[l[0]] = l[1]; }
        foreach (var l in d.Asks!) { if (l[1] == 0) asks.Remove(l[0]); else asks[l[0]] = l[1]; }
        bookId = d.FinalUpdateId;
        return 1;
    }
}
