using BenchmarkDotNet.Attributes;
using HftScalper.Benchmarks.Binance;
using HftScalper.Binance.Feeds;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;
using HftScalper.Engine.Pipeline;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>
/// The replay producer's frames -> ring step on the 08-08 BTCUSDT recording (frames in memory: no inflate, no line
/// split; needs ../shared/data or HFT_SHARED_DATA): parse each frame and publish its events into a 16,384-slot ring
/// whose inline consumer checksums them. Baseline: the feed parses into its own buffer and <see cref="ReplayFeeder"/>
/// copies the events into the claimed slots (the way before issue #18's session 22). Row: the feed parses straight into
/// the ring's free slots (<see cref="RingBuffer{T}.FreeWindow"/>) and they are published uncopied. One op = one event;
/// setup checks both give the same checksum.
/// </summary>
[MemoryDiagnoser]
public class InPlacePublishBenchmarks
{
    private const int RingSize = 1 << 14;
    private FrameArray _frames = null!;
    private Producer _copy = null!, _inPlace = null!;
    private int _events;

    /// <summary>Loads the recording's frames and checks the two ways agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        string data = BinanceBenchData.DataDir() ?? throw new InvalidOperationException("../shared/data is absent (set HFT_SHARED_DATA)");
        var registry = new SymbolRegistry();
        var frames = new List<RawFrame>();
        using (var source = TextRecording.Open([Path.Combine(data, "binance", "spot", "btcusdt_20240808.gz")], new TextSourceOptions(registry)))
            while (source.TryRead(out var f)) frames.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        _frames = new FrameArray([.. frames]);
        // Two passes per producer would drop the second as duplicates: ids are not filtered here (both ways alike).
        var options = new BinanceParserOptions { AutoRegisterVenue = "binance-spot", MarkReplayed = true, DropDuplicateIds = false };
        _copy = new Producer(new CopyingFeed(new BinanceEventFeed(_frames, new BinanceParser(registry, options))));
        _inPlace = new Producer(new BinanceEventFeed(_frames, new BinanceParser(registry, options)));
        long a = Run(_copy), b = Run(_inPlace);
        _events = (int)_inPlace.Events;
        if (a != b || _copy.Events != _inPlace.Events || _inPlace.Feeder.InPlaceMessages == 0 || _copy.Feeder.InPlaceMessages != 0)
            throw new InvalidOperationException($"the ways differ: {_copy.Events} events / {a} vs {_inPlace.Events} / {b}");
    }

    /// <summary>Parse into the feed's buffer, copy into the claimed slots.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = 163_887)]
    public long ParseThenCopy() => Run(_copy);

    /// <summary>Parse straight into the ring's free slots, publish them there.</summary>
    [Benchmark(OperationsPerInvoke = 163_887)]
    public long ParseInPlace() => Run(_inPlace);

    private long Run(Producer p)
    {
        _frames.Rewind();
        long before = p.Events;
        p.Checksum = 0;
        p.Feeder.Run(p.Feed, p.Drain);
        p.Events = p.Feeder.Published;
        if (p.Events - before is var n && _events != 0 && n != _events) throw new InvalidOperationException($"{n} events, not {_events}");
        return p.Checksum;
    }

    // A ring with one inline consumer (the checksum) behind a feeder.
    private sealed class Producer
    {
        public readonly IMarketEventFeed Feed;
        public readonly ReplayFeeder Feeder;
        public readonly Action Drain;
        public long Checksum, Events;

        public Producer(IMarketEventFeed feed)
        {
            Feed = feed;
            var ring = new RingBuffer<MarketEvent>(RingSize, ProducerType.Single, new BusySpinWaitStrategy());
            var consumer = new InlineConsumer<MarketEvent, Sum>(ring, new Sum(this));
            ring.AddGatingSequences(consumer.Sequence);
            Feeder = new ReplayFeeder(ring, new EventSideBuffer(RingSize));
            Drain = () => consumer.ProcessAvailable();
        }
    }

    private readonly struct Sum(Producer p) : IEventHandler<MarketEvent>
    {
        public void OnBatchStart(long firstSequence, long count) { }

        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) =>
            p.Checksum = (p.Checksum * 31) ^ e.ExchangeTimeNs ^ (e.Price * 31) ^ e.Quantity ^ e.UpdateId ^ (long)e.Flags ^ e.SymbolId;
    }

    // The recording's frames in memory, read again from the start after Rewind.
    private sealed class FrameArray(RawFrame[] frames) : IRawFrameSource
    {
        private int _next;

        public string Description => "08-08 frames in memory";

        public void Rewind() => _next = 0;

        public bool TryRead(out RawFrame frame)
        {
            if (_next == frames.Length)
            {
                frame = default;
                return false;
            }
            frame = frames[_next++];
            return true;
        }

        public void Dispose() { }
    }

    // The feed as the producer saw it before: no in-place read (the interface's default ignores the room).
    private sealed class CopyingFeed(BinanceEventFeed inner) : IMarketEventFeed
    {
        public string Description => inner.Description;

        public long Frames => inner.Frames;

        public long Events => inner.Events;

        public long ReceivedTimestamp => inner.ReceivedTimestamp;

        public bool TryReadMessage(out ReadOnlySpan<MarketEvent> message) => inner.TryReadMessage(out message);

        public bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages) => inner.TryReadMessages(out messages);
    }
}
