using System;
using BenchmarkDotNet.Attributes;

namespace RingRef;

/// <summary>
/// 1P1C, 64-byte struct events, 2^20 events per invocation on a 2^16-slot ring: HftScalper's ring ("Ours") against
/// the Disruptor-net transcription ("Theirs") with the same wait strategy and claim size. Impl is the last parameter
/// so each Ours row runs right before its Theirs row. Setup checks one invocation's checksum before any timing.
/// </summary>
[MemoryDiagnoser]
public class RingVsDisruptorNet
{
    private const int Events = 1 << 20;
    private const int Capacity = 1 << 16;

    private IRingUnderTest _ring;

    [Params("Yielding", "Blocking", "BusySpin")]
    public string Strategy { get; set; } = "Yielding";

    [Params(1, 16)]
    public int Claim { get; set; } = 1;

    [Params("Ours", "Theirs")]
    public string Impl { get; set; } = "Ours";

    [GlobalSetup]
    public void Setup()
    {
        // RINGREF_SWAP=1 builds the other ring under each label, so Theirs runs first in each pair (order-bias check;
        // ratios.py swaps the labels back for runs whose name ends in "s").
        bool ours = (Impl == "Ours") ^ (Environment.GetEnvironmentVariable("RINGREF_SWAP") == "1");
        _ring = ours ? new OursRing(Capacity, Strategy) : CreateTheirs(Strategy);
        long expected = (long)Events * (Events - 1) / 2;
        long checksum = _ring.Run(Events, Claim);
        if (checksum != expected)
        {
            throw new InvalidOperationException($"{Impl}/{Strategy}/claim {Claim}: checksum {checksum}, expected {expected}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _ring.Stop();

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring() => _ring.Run(Events, Claim);

    private static IRingUnderTest CreateTheirs(string strategy)
    {
        switch (strategy)
        {
            case "Yielding":
                var yielding = new Disruptor.YieldingWaitStrategy();
                return new TheirsRing<YieldingProxy>(Capacity, yielding, new YieldingProxy(yielding));
            case "Blocking":
                var blocking = new Disruptor.BlockingWaitStrategy();
                return new TheirsRing<BlockingProxy>(Capacity, blocking, new BlockingProxy(blocking));
            case "BusySpin":
                var busySpin = new Disruptor.BusySpinWaitStrategy();
                return new TheirsRing<BusySpinProxy>(Capacity, busySpin, new BusySpinProxy(busySpin));
            default:
                throw new ArgumentOutOfRangeException(nameof(strategy));
        }
    }
}
