using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>
/// One producer (the benchmark thread) to one consumer thread, 64-byte events, one claim/publish per event.
/// Baseline: a bounded <see cref="Channel{T}"/> (SingleWriter/SingleReader) of the same capacity. Each invocation
/// moves <see cref="Events"/> events and returns once the consumer has seen the last one, so the time per
/// operation is per event delivered (events/s = 1e9 / ns).
/// </summary>
[MemoryDiagnoser]
public class OneToOneThroughputBenchmarks
{
    private const int Events = 1 << 20;
    private const int Capacity = 1 << 16;

    private readonly BenchSink _sink = new();
    private Disruptor<BenchEvent>? _disruptor;
    private Channel<BenchEvent>? _channel;
    private Task? _channelReader;

    /// <summary>The ring's wait strategy (the channel baseline ignores it).</summary>
    [Params("Blocking", "Yielding", "BusySpin")]
    public string Strategy { get; set; } = "Blocking";

    /// <summary>Starts the channel reader and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(Channel))]
    public void SetupChannel()
    {
        _channel = System.Threading.Channels.Channel.CreateBounded<BenchEvent>(new BoundedChannelOptions(Capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        var reader = _channel.Reader;
        var sink = _sink;
        _channelReader = Task.Run(async () =>
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var e))
                {
                    sink.Sum += e.Value;
                    sink.Count++;
                }

                sink.CheckDone();
            }
        });
        BenchProducer.Verify(Channel, (long)Events * (Events - 1) / 2);
    }

    /// <summary>Starts the ring's consumer and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(Ring))]
    public void SetupRing()
    {
        _disruptor = new Disruptor<BenchEvent>(Capacity, ProducerType.Single, BenchStrategies.Create(Strategy));
        _disruptor.AddStage("sum", new SumHandler(_sink, sumStageB: false));
        _disruptor.Start();
        BenchProducer.Verify(Ring, (long)Events * (Events - 1) / 2);
    }

    /// <summary>Stops whatever the setup started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _disruptor?.Halt();
        _channel?.Writer.TryComplete();
        _channelReader?.Wait();
    }

    /// <summary>Baseline: bounded channel, TryWrite with a wait when full.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long Channel() => BenchProducer.ThroughChannel(_channel!.Writer, _sink, Events);

    /// <summary>The ring: claim, fill in place, publish — per event.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring() => BenchProducer.ThroughRing(_disruptor!.RingBuffer, _sink, Events);
}
