using System;
using BenchmarkDotNet.Attributes;

namespace RingRef;

/// <summary>
/// Why busy-spin loses to Disruptor-net on a shared 2-vCPU box: the same 1P1C run (claim 1) with Disruptor-net's
/// ring altered one difference at a time toward ours. A = ours; B = Disruptor-net as published; C = B with our
/// consumer pause per re-check; D = B with our producer full-ring wait (pause-spin instead of SpinWait's
/// spin-then-yield). Diagnostic only: C and D are not Disruptor-net.
/// </summary>
[MemoryDiagnoser]
public class BusySpinDiagnosis
{
    private const int Events = 1 << 20;
    private const int Capacity = 1 << 16;

    private IRingUnderTest _ring;

    [Params("A-Ours", "B-Theirs", "C-TheirsPauseConsumer", "D-TheirsSpinProducer")]
    public string Impl { get; set; } = "A-Ours";

    [GlobalSetup]
    public void Setup()
    {
        var busySpin = new Disruptor.BusySpinWaitStrategy();
        var pause = new DiagnosticPauseBusySpinWaitStrategy();
        _ring = Impl switch
        {
            "A-Ours" => new OursRing(Capacity, "BusySpin"),
            "B-Theirs" => new TheirsRing<BusySpinProxy>(Capacity, busySpin, new BusySpinProxy(busySpin)),
            "C-TheirsPauseConsumer" => new TheirsRing<PauseBusySpinProxy>(Capacity, pause, new PauseBusySpinProxy(pause)),
            "D-TheirsSpinProducer" => new TheirsRing<BusySpinProxy>(Capacity, busySpin, new BusySpinProxy(busySpin), diagnosticPauseSpinProducer: true),
            _ => throw new ArgumentOutOfRangeException(nameof(Impl)),
        };
        long expected = (long)Events * (Events - 1) / 2;
        long checksum = _ring.Run(Events, 1);
        if (checksum != expected)
        {
            throw new InvalidOperationException($"{Impl}: checksum {checksum}, expected {expected}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _ring.Stop();

    [Benchmark(OperationsPerInvoke = Events)]
    public long Ring() => _ring.Run(Events, 1);
}
