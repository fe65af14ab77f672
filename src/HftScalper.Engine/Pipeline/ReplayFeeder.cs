using System.Diagnostics;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Disruptor;
using HftScalper.Recording.Replay;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The producer of a replay or backtest: reads a <see cref="ReplaySource"/> (raw exchange frames go through the
/// same <see cref="BinanceParser"/> as live), claims ring slots, stamps each event's ingress time and publishes.
/// After each publish it calls <c>afterPublish</c>, which the inline topology uses to drive its stages.
/// </summary>
public sealed class ReplayFeeder
{
    private const int EventChunk = 256;
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly EventSideBuffer _side;
    private readonly BinanceParser _parser;
    private readonly MarketEventBuffer _buffer = new(16_384);
    private readonly MarketEvent[] _chunk = new MarketEvent[EventChunk];
    private long _published;

    /// <summary>A feeder publishing into <paramref name="ring"/>, resolving symbols through <paramref name="symbols"/>.</summary>
    public ReplayFeeder(RingBuffer<MarketEvent> ring, EventSideBuffer side, SymbolRegistry symbols, string? autoRegisterVenue)
    {
        _ring = ring;
        _side = side;
        _parser = new BinanceParser(symbols, new BinanceParserOptions { AutoRegisterVenue = autoRegisterVenue, MarkReplayed = true });
    }

    /// <summary>Frames read so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Events published so far (readable from another thread for progress).</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Parser counters (rejects, unknown messages) for frame formats.</summary>
    public ParseCounters ParseCounters => _parser.Counters;

    /// <summary>Publishes the whole source; <paramref name="afterPublish"/> runs after every published batch.</summary>
    public void Run(ReplaySource source, Action? afterPublish, CancellationToken cancel = default)
    {
        if (source.Frames is { } frames)
        {
            while (frames.TryRead(out var frame))
            {
                long ingress = Stopwatch.GetTimestamp();
                Frames++;
                _buffer.Clear();
                _parser.Parse(in frame, _buffer);
                Publish(_buffer.Events, ingress, afterPublish);
                afterPublish?.Invoke();
                if ((Frames & 1023) == 0 && cancel.IsCancellationRequested) return;
            }
            return;
        }

        var events = source.Events!;
        int n = 0;
        while (events.TryRead(out _chunk[n]))
        {
            // An event source has no frames: each event is its own message, stamped when it is read.
            if (++n < EventChunk && !_chunk[n - 1].IsLastInMessage) continue;
            Publish(_chunk.AsSpan(0, n), Stopwatch.GetTimestamp(), afterPublish);
            n = 0;
            afterPublish?.Invoke();
            if ((_published & 0xFFFF) < EventChunk && cancel.IsCancellationRequested) return;
        }
        if (n > 0)
        {
            Publish(_chunk.AsSpan(0, n), Stopwatch.GetTimestamp(), afterPublish);
            afterPublish?.Invoke();
        }
    }

    // Claims in pieces of at most half the ring so a huge snapshot never asks for more slots than exist. Between
    // pieces it runs afterPublish: inline, the stages run only there, so a message of more events than the ring
    // holds (a crafted 20,000-level depth message) would otherwise wait forever for slots nobody frees.
    private void Publish(ReadOnlySpan<MarketEvent> events, long ingressTicks, Action? afterPublish)
    {
        int max = _ring.BufferSize / 2;
        for (int done = 0; done < events.Length;)
        {
            int n = Math.Min(max, events.Length - done);
            long hi = _ring.Next(n);
            long lo = hi - n + 1;
            for (int i = 0; i < n; i++)
            {
                _ring[lo + i] = events[done + i];
                _side.IngressTicks(lo + i) = ingressTicks;
            }
            _ring.Publish(lo, hi);
            done += n;
            Volatile.Write(ref _published, _published + n);
            if (done < events.Length) afterPublish?.Invoke();
        }
    }
}
