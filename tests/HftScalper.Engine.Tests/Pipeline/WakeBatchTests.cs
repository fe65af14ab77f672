using HftScalper.Core.Events;
using HftScalper.Core.Feeds;
using HftScalper.Disruptor;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The producer's wake batching (<c>PipelineOptions.WakeBatch</c>): below a batch, a stage thread asleep on the ring is
/// left asleep; a full batch wakes it while the feed still reads, and the feed's end wakes it for the rest. Each test
/// lets the stage fall asleep first (its blocking wait spins for microseconds, then sleeps).
/// <code>
///  scripted feed --> ReplayFeeder (wake batch) ==ring==> counting stage (blocking wait)
/// </code>
/// </summary>
public sealed class WakeBatchTests
{
    private static readonly TimeSpan Asleep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_full_batch_wakes_the_stage_while_the_feed_still_reads_and_less_does_not()
    {
        using var disruptor = new Disruptor<MarketEvent>(1024);
        var count = new Counter();
        disruptor.AddStage("stage", new CountingHandler(count));
        disruptor.Start();
        Thread.Sleep(Asleep);
        var feed = new ScriptedFeed(7, 1, 0); // 7 messages, pause, 1 more, pause, end
        var feeder = new ReplayFeeder(disruptor.RingBuffer, new EventSideBuffer(1024), wakeBatch: 8);
        var producer = Task.Run(() => feeder.Run(feed, null));

        Assert.True(feed.Paused(0).Wait(Long));
        Thread.Sleep(Asleep);
        long belowBatch = count.Value;
        feed.Resume(0);
        Assert.True(feed.Paused(1).Wait(Long));
        bool fullBatch = SpinWait.SpinUntil(() => count.Value == 8, Long); // the feed is still reading
        feed.Resume(1);
        await producer.WaitAsync(Long);

        Assert.Equal(0, belowBatch);
        Assert.True(fullBatch, $"{count.Value} of 8 events handled");
        Assert.True(disruptor.DrainAndStop(Long));
    }

    [Fact]
    public void Fewer_events_than_a_batch_are_handled_once_the_feed_ends()
    {
        using var disruptor = new Disruptor<MarketEvent>(1024);
        var count = new Counter();
        disruptor.AddStage("stage", new CountingHandler(count));
        disruptor.Start();
        Thread.Sleep(Asleep);
        var feed = new ScriptedFeed(5);
        var feeder = new ReplayFeeder(disruptor.RingBuffer, new EventSideBuffer(1024), wakeBatch: 1000);

        feeder.Run(feed, null);
        bool handled = SpinWait.SpinUntil(() => count.Value == 5, Long); // no drain: the feeder's end woke the stage

        Assert.True(handled, $"{count.Value} of 5 events handled");
        Assert.True(disruptor.DrainAndStop(Long));
    }

    private sealed class Counter
    {
        private long _value;

        public long Value => Volatile.Read(ref _value);

        public void Add(long n) => Volatile.Write(ref _value, _value + n);
    }

    private readonly struct CountingHandler(Counter counter) : IEventHandler<MarketEvent>
    {
        public void OnBatchStart(long firstSequence, long count) { }

        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => counter.Add(1);
    }

    /// <summary>Single-event messages in runs (<c>runs[i]</c> messages); between runs it pauses until resumed.</summary>
    private sealed class ScriptedFeed(params int[] runs) : IMarketEventFeed
    {
        private readonly ManualResetEventSlim[] _paused = [.. runs.Select(_ => new ManualResetEventSlim(false))];
        private readonly ManualResetEventSlim[] _resumed = [.. runs.Select(_ => new ManualResetEventSlim(false))];
        private readonly MarketEvent[] _one = [new MarketEvent { Kind = MarketEventKind.Trade }];
        private int _run;
        private int _inRun;

        public string Description => "scripted";

        public long Frames => 0;

        public long Events { get; private set; }

        public long ReceivedTimestamp => 0;

        public ManualResetEventSlim Paused(int run) => _paused[run];

        public void Resume(int run) => _resumed[run].Set();

        public bool TryReadMessage(out ReadOnlySpan<MarketEvent> message)
        {
            while (_run < runs.Length && _inRun == runs[_run])
            {
                if (_run < runs.Length - 1)
                {
                    _paused[_run].Set(); // a read that waits for input, as a live socket's does
                    _resumed[_run].Wait();
                }
                (_run, _inRun) = (_run + 1, 0);
            }
            if (_run == runs.Length)
            {
                message = default;
                return false;
            }
            _inRun++;
            Events++;
            message = _one;
            return true;
        }

        public bool TryReadMessages(out ReadOnlySpan<MarketEvent> messages) => TryReadMessage(out messages);
    }
}
