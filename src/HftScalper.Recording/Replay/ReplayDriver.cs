using System.Diagnostics;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;
using HftScalper.Recording.Events;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Replays a recording through the live pipeline and fingerprints what came out:
/// <code>
///  caller thread                                   ring (pinned MarketEvent slots)     "book" stage thread
///  source --frames--> BinanceParser --events--> claim/copy/publish (batches) ====> BookSynchronizer + native books
///  (event formats skip the parser)                                                       + MarketEventDigest
/// </code>
/// Same input, same digest: the digest covers every field of every event, in ring order.
/// </summary>
public sealed class ReplayDriver
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

    /// <summary>Runs <paramref name="source"/> to its end.</summary>
    public ReplayResult Run(ReplaySource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var log = _options.Log ?? Console.Error.WriteLine;
        using var sync = new BookSynchronizer(new BookSyncOptions { Rule = _options.Rule });
        var digest = new MarketEventDigest();
        using var pipeline = new Disruptor<MarketEvent>(_options.RingSize, ProducerType.Single, new BlockingWaitStrategy(),
            new DisruptorOptions { Log = log });
        pipeline.AddStage("book", new BookStageHandler(sync, digest));
        pipeline.Start();

        var ring = pipeline.RingBuffer;
        long frames = 0, published = 0;
        ParseCounters? parse = null;
        long start = Stopwatch.GetTimestamp();
        if (source.Frames is { } frameSource)
        {
            var parser = new BinanceParser(_registry, new BinanceParserOptions { AutoRegisterVenue = _options.AutoRegisterVenue, MarkReplayed = true });
            var buffer = new MarketEventBuffer(16_384);
            parse = parser.Counters;
            while (frameSource.TryRead(out var frame))
            {
                frames++;
                buffer.Clear();
                parser.Parse(in frame, buffer);
                published += Publish(ring, buffer.Events);
            }
        }
        else
        {
            published = PublishEvents(ring, source.Events!);
        }
        bool drained = pipeline.DrainAndStop(TimeSpan.FromMinutes(5));
        long elapsedNs = (long)((Stopwatch.GetTimestamp() - start) * (1e9 / Stopwatch.Frequency));
        if (!drained) log($"replay: pipeline stopped before draining ({pipeline.Fault?.Message ?? "timeout"})");
        return new ReplayResult(frames, digest.Count, elapsedNs, digest.Value, parse, sync.Counters, drained);
    }

    // Claims and publishes in batches of at most half the ring, so one huge snapshot never asks for more slots
    // than exist.
    private static long Publish(RingBuffer<MarketEvent> ring, ReadOnlySpan<MarketEvent> events)
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
        return events.Length;
    }

    private static long PublishEvents(RingBuffer<MarketEvent> ring, IMarketEventSource events)
    {
        if (events is IMarketEventBatchSource batches) return PublishBatches(ring, batches);
        const int Batch = 256;
        long count = 0;
        Span<MarketEvent> chunk = new MarketEvent[Batch];
        int n = 0;
        while (events.TryRead(out chunk[n]))
        {
            if (++n == Batch)
            {
                count += Publish(ring, chunk);
                n = 0;
            }
        }
        return count + Publish(ring, chunk[..n]);
    }

    // Whole blocks from a batch source (the event journal): one bulk copy into the chunk, one claim per chunk.
    private static long PublishBatches(RingBuffer<MarketEvent> ring, IMarketEventBatchSource events)
    {
        Span<MarketEvent> chunk = GC.AllocateUninitializedArray<MarketEvent>(Math.Min(4096, ring.BufferSize / 2), pinned: true);
        long count = 0;
        int n;
        while ((n = events.ReadBatch(chunk)) > 0) count += Publish(ring, chunk[..n]);
        return count;
    }
}
