using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Disruptor;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The producer of a run: publishes what an <see cref="IMarketEventFeed"/> yields (a recording or the simulator
/// through the Binance adapter today, the live client later), one exchange message at a time: claims ring slots,
/// stamps each event with its message's <see cref="IMarketEventFeed.ReceivedTimestamp"/> and publishes. After each
/// message it calls <c>afterPublish</c>, which the inline topology uses to drive its stages.
/// </summary>
internal sealed class ReplayFeeder
{
    private readonly RingBuffer<MarketEvent> _ring;
    private readonly EventSideBuffer _side;
    private readonly StartingSymbols? _starting;
    private readonly Action<long, long>? _beforePublish;
    private readonly int _wakeBatch;
    private IMarketEventFeed? _feed;
    private long _published;
    private long _unsignalled; // published quietly since the last wake-up (wake batching only)

    /// <summary>A feeder publishing into <paramref name="ring"/>, ingress times into <paramref name="side"/>, capturing
    /// the symbols registered at its first publication into <paramref name="starting"/> (when given);
    /// <paramref name="beforePublish"/>, when given, runs on this thread over each claimed and filled range of slots
    /// (first, last) before it is published (a stage the producer carries: <see cref="ProducerStage{T, THandler}"/>).
    /// <paramref name="wakeBatch"/> &gt; 0 batches wake-ups (<see cref="Composition.PipelineOptions.WakeBatch"/>): messages are
    /// published quietly and sleeping consumers woken once that many events wait, and when the feed ends; only for a
    /// feed whose reads never wait (an unpaced replay), since what is published before a waiting read waits with it.</summary>
    public ReplayFeeder(RingBuffer<MarketEvent> ring, EventSideBuffer side, StartingSymbols? starting = null, Action<long, long>? beforePublish = null,
        int wakeBatch = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(wakeBatch);
        _ring = ring;
        _side = side;
        _starting = starting;
        _beforePublish = beforePublish;
        _wakeBatch = wakeBatch;
    }

    /// <summary>Frames the feed read so far (0 for ready-made events).</summary>
    public long Frames => Volatile.Read(ref _feed)?.Frames ?? 0;

    /// <summary>Events published so far (readable from another thread for progress).</summary>
    public long Published => Volatile.Read(ref _published);

    /// <summary>Publishes the whole feed (until it ends or <paramref name="cancel"/> fires); <paramref name="afterPublish"/>
    /// runs after every published message.</summary>
    public void Run(IMarketEventFeed feed, Action? afterPublish, CancellationToken cancel = default)
    {
        ArgumentNullException.ThrowIfNull(feed);
        Volatile.Write(ref _feed, feed);
        long messages = 0;
        try
        {
            while (feed.TryReadMessage(out var message))
            {
                Publish(message, feed.ReceivedTimestamp, afterPublish);
                afterPublish?.Invoke();
                if ((++messages & 1023) == 0 && cancel.IsCancellationRequested) return;
            }
        }
        finally
        {
            // Whatever way the feed ends, nothing published stays unsignalled behind a sleeping consumer.
            if (_unsignalled > 0) Wake();
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
            if (_published == 0) _starting?.Capture(); // before the first event is visible to any stage
            long hi = _ring.Next(n);
            long lo = hi - n + 1;
            for (int i = 0; i < n; i++)
            {
                _ring[lo + i] = events[done + i];
                _side.IngressTicks(lo + i) = ingressTicks;
            }
            _beforePublish?.Invoke(lo, hi);
            if (_wakeBatch == 0) _ring.Publish(lo, hi);
            else PublishBatched(lo, hi, n);
            done += n;
            Volatile.Write(ref _published, _published + n);
            if (done < events.Length) afterPublish?.Invoke();
        }
    }

    // A consumer that keeps up with a producer slower per message than it sleeps after each message; woken per
    // publish, it costs both threads a lock, a futex wake and a context switch per message (16,264 timeslices per
    // simulator run with the features on the producer, bench/README session 18). Woken per batch, it wakes a few
    // hundred times per run. The ring itself wakes it before the producer waits for slots (no lost wake-up).
    private void PublishBatched(long lo, long hi, int n)
    {
        _ring.PublishQuiet(lo, hi);
        if ((_unsignalled += n) >= _wakeBatch) Wake();
    }

    private void Wake()
    {
        _unsignalled = 0;
        _ring.SignalConsumers();
    }
}
