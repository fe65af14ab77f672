using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>
/// A three-stage pipeline, the shape of the engine's hot path, against three chained bounded channels:
/// <code>
///  ring:     producer --> A (A = 3v) --> B (B = A + 1) --> C (sum B)      one ring, events edited in place
///  channels: producer --> [ch1] --> A --> [ch2] --> B --> [ch3] --> C     each hop copies the event
/// </code>
/// Operations = events through all three stages (events/s = 1e9 / ns).
/// </summary>
[MemoryDiagnoser]
public class PipelineThroughputBenchmarks
{
    private const int Events = 1 << 19;
    private const int Capacity = 1 << 16;

    private readonly BenchSink _sink = new();
    private Disruptor<BenchEvent>? _disruptor;
    private ChannelWriter<BenchEvent>? _head;
    private Task[] _stages = [];

    /// <summary>The ring's wait strategy (the channel baseline ignores it).</summary>
    [Params("Blocking", "Yielding")]
    public string Strategy { get; set; } = "Blocking";

    /// <summary>Wires the channel chain and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(Channels))]
    public void SetupChannels()
    {
        var ch1 = NewChannel();
        var ch2 = NewChannel();
        var ch3 = NewChannel();
        var sink = _sink;
        _head = ch1.Writer;
        _stages =
        [
            Hop(ch1.Reader, ch2.Writer, static e => e with { A = e.Value * 3 }),
            Hop(ch2.Reader, ch3.Writer, static e => e with { B = e.A + 1 }),
            Task.Run(async () =>
            {
                var reader = ch3.Reader;
                while (await reader.WaitToReadAsync().ConfigureAwait(false))
                {
                    while (reader.TryRead(out var e))
                    {
                        sink.Sum += e.B;
                        sink.Count++;
                    }

                    sink.CheckDone();
                }
            }),
        ];
        BenchProducer.Verify(Channels, (3L * Events * (Events - 1) / 2) + Events);
    }

    /*  producer --> A --> B --> C      (C gates the producer) */

    /// <summary>Wires the ring stages and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _disruptor = new Disruptor<BenchEvent>(Capacity, ProducerType.Single, BenchStrategies.Create(Strategy));
        var a = _disruptor.AddStage("A", default(TripleHandler));
        var b = _disruptor.AddStage("B", default(IncrementHandler), a);
        _disruptor.AddStage("C", new SumHandler(_sink, sumStageB: true), b);
        _disruptor.Start();
        BenchProducer.Verify(Ring, (3L * Events * (Events - 1) / 2) + Events);
    }

    /// <summary>Stops whatever the setup started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _disruptor?.Halt();
        _head?.TryComplete();
        Task.WaitAll(_stages);
    }

    /// <summary>Baseline: three bounded SingleReader/SingleWriter channels, one async loop per stage.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Channels() => BenchProducer.ThroughChannel(_head!, _sink, Events);

    /// <summary>The ring with three stage threads.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring() => BenchProducer.ThroughRing(_disruptor!.RingBuffer, _sink, Events);

    private static Channel<BenchEvent> NewChannel() =>
        Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });

    private static Task Hop(ChannelReader<BenchEvent> from, ChannelWriter<BenchEvent> to, Func<BenchEvent, BenchEvent> work) =>
        Task.Run(async () =>
        {
            while (await from.WaitToReadAsync().ConfigureAwait(false))
            {
                while (from.TryRead(out var e))
                {
                    var next = work(e);
                    if (!to.TryWrite(next))
                    {
                        await to.WriteAsync(next).ConfigureAwait(false);
                    }
                }
            }

            to.TryComplete();
        });
}
