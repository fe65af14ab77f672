using System.Diagnostics;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Replays a recording through the live pipeline and fingerprints what came out:
/// <code>
///  caller thread                                      ring (pinned MarketEvent slots)     "book" stage thread
///  IMarketEventFeed (BinanceEventFeed) --messages--> claim/copy/publish (batches) ====> BookSynchronizer + native books
///  (frames parsed, event formats in journal blocks)                                       + MarketEventDigest
/// </code>
/// Same input, same digest: the digest covers every field of every event, in ring order.
/// </summary>
internal sealed class ReplayDriver
{
    private readonly SymbolRegistry _registry;
    private readonly ReplayDriverOptions _options;

    /// <summary>Creates a driver resolving symbols through <paramref name="registry"/>.</summary>
    public ReplayDriver(SymbolRegistry registry, ReplayDriverOptions? options = null)
    {
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _options = options ?? new ReplayDriverOptions();
        if (_options.RingSize < 1024 || (_options.RingSize & (_options.RingSize - 1)) != 0)
            throw new ArgumentOutOfRangeException(nameof(options), "ring size must be a power of two >= 1024");
    }

    /// <summary>Runs <paramref name="source"/> to its end, read through its feed (<see cref="ReplaySource.Feed"/>).</summary>
    public ReplayResult Run(ReplaySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Run(source.Feed(_registry, _options.AutoRegisterVenue));
    }

    /// <summary>Runs <paramref name="feed"/> to its end.</summary>
    public ReplayResult Run(IMarketEventFeed feed)
    {
        ArgumentNullException.ThrowIfNull(feed);
        var log = _options.Log ?? Console.Error.WriteLine;
        using var sync = new BookSynchronizer(new BookSyncOptions { Rule = _options.Rule });
        var digest = new MarketEventDigest();
        using var pipeline = new Disruptor<MarketEvent>(_options.RingSize, ProducerType.Single, new BlockingWaitStrategy(),
            new DisruptorOptions { Log = log });
        pipeline.AddStage("book", new BookStageHandler(sync, digest));
        pipeline.Start();

        var ring = pipeline.RingBuffer;
        long start = Stopwatch.GetTimestamp();
        // Whole messages at a time: one frame's events, or whole event-journal blocks (bulk copies) cut at a message end.
        while (feed.TryReadMessages(out var events)) Publish(ring, events);
        bool drained = pipeline.DrainAndStop(TimeSpan.FromMinutes(5));
        long elapsedNs = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        if (!drained) log($"replay: pipeline stopped before draining ({pipeline.Fault?.Message ?? "timeout"})");
        return new ReplayResult(feed.Frames, digest.Count, elapsedNs, digest.Value, (feed as IFrameParsingFeed)?.ParseCounters, sync.Counters, drained);
    }

    // Claims and publishes in batches of at most half the ring, so one huge snapshot never asks for more slots
    // than exist.
    private static void Publish(RingBuffer<MarketEvent> ring, ReadOnlySpan<MarketEvent> events)
    {
        int max = ring.BufferSize / 2;
        for (int done = 0; done < events.Length;)
        {
            int n = Math.Min(max, events.Length - done);
            long hi = ring.Next(n);
            long lo = hi - n + 1;
            for (int i = 0; i < n; i++) ring[lo + i] = events[done + i];
            ring.Publish(lo, hi);
            done += n;
        }
    }
}
