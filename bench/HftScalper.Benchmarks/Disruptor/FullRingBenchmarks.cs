using BenchmarkDotNet.Attributes;
using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>
/// 1P1C on a small ring (1,024 slots) so the producer keeps finding it full, with a consumer that does
/// <see cref="Work"/> dependent multiply-adds per event (0 = as fast as it can). Baseline: the full-ring wait
/// before #18 (the producer waits through the strategy: yielding 100 re-checks, each after a pause for
/// YieldingPause, then yields; busy-spin pause-spins); against it the back-off (yielding: 15 pause-spins, then yield;
/// busy-spin: 63 pause-spins in 10 rounds, then yield and spin by turns). Both rings run in the same process and run;
/// time per operation is per event delivered. YieldingPause + StrategyWait is the whole pre-#18 ring.
/// </summary>
[MemoryDiagnoser]
public class FullRingBenchmarks
{
    private const int Events = 1 << 18;
    private const int Capacity = 1 << 10;

    private readonly BenchSink _sinkOld = new();
    private readonly BenchSink _sinkNew = new();
    private Disruptor<BenchEvent>? _old;
    private Disruptor<BenchEvent>? _new;

    /// <summary>The ring's wait strategy (YieldingPause: the consumer pause-spins between re-checks, as before #18).</summary>
    [Params("YieldingPause", "Yielding", "BusySpin")]
    public string Strategy { get; set; } = "Yielding";

    /// <summary>Dependent multiply-adds the consumer does per event (a slow consumer fills the ring).</summary>
    [Params(0, 200)]
    public int Work { get; set; }

    /// <summary>Starts the baseline ring's consumer and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(StrategyWait))]
    public void SetupOld()
    {
        _old = Start(_sinkOld, waitOnStrategy: true);
        BenchProducer.Verify(StrategyWait, (long)Events * (Events - 1) / 2);
    }

    /// <summary>Starts the back-off ring's consumer and checks one invocation's checksum.</summary>
    [GlobalSetup(Target = nameof(Backoff))]
    public void SetupNew()
    {
        _new = Start(_sinkNew, waitOnStrategy: false);
        BenchProducer.Verify(Backoff, (long)Events * (Events - 1) / 2);
    }

    /// <summary>Stops whatever the setup started.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _old?.Halt();
        _new?.Halt();
    }

    /// <summary>Baseline: the producer waits for capacity through the wait strategy (before #18).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Events)]
    public long StrategyWait() => BenchProducer.ThroughRing(_old!.RingBuffer, _sinkOld, Events);

    /// <summary>The producer backs off (spin, then yield; the strategy's schedule) while the ring is full.</summary>
    [Benchmark(OperationsPerInvoke = Events)]
    public long Backoff() => BenchProducer.ThroughRing(_new!.RingBuffer, _sinkNew, Events);

    private Disruptor<BenchEvent> Start(BenchSink sink, bool waitOnStrategy)
    {
        var d = new Disruptor<BenchEvent>(Capacity, ProducerType.Single, BenchStrategies.Create(Strategy));
        d.RingBuffer.ProducerWaitsOnStrategy = waitOnStrategy;
        d.AddStage("slow-sum", new SlowSumHandler(sink, Work));
        d.Start();
        return d;
    }
}

/// <summary>Last consumer that burns <c>work</c> dependent multiply-adds per event before summing Value.</summary>
public readonly struct SlowSumHandler(BenchSink sink, int work) : IEventHandler<BenchEvent>
{
    /// <inheritdoc />
    public void OnBatchStart(long firstSequence, long count)
    {
    }

    /// <inheritdoc />
    public void OnEvent(ref BenchEvent e, long sequence, bool endOfBatch)
    {
        long x = e.Value;
        for (int i = 0; i < work; i++)
        {
            x = (x * 31) + i;
        }

        e.A = x; // keeps the loop live
        sink.Sum += e.Value;
        sink.Count++;
        if (endOfBatch)
        {
            sink.CheckDone();
        }
    }
}
