using System.Runtime.CompilerServices;
using HftScalper.Benchmarks.Disruptor;

namespace RingRef;

// BenchEvent (64 bytes) and BenchSink come from bench/HftScalper.Benchmarks/Disruptor/ (linked in RingRef.csproj), so
// this comparison moves the same event into the same sink as the in-repo ring benchmarks.

/// <summary>One ring under test: moves <c>events</c> events (claims of <c>claim</c>), waits for delivery, returns the sum's growth.</summary>
public interface IRingUnderTest
{
    long Run(int events, int claim);
    void Stop();
}

/// <summary>A producer's view of a ring; implemented by small structs so <see cref="Producer.Run"/> specialises and inlines per ring.</summary>
public interface IProducerRing
{
    long Next();
    long Next(int n);
    ref BenchEvent Slot(long sequence);
    void Publish(long sequence);
    void Publish(long lo, long hi);
}

/// <summary>The producer loop both rings run: Value = 0..n-1, one claim/publish per event or per <c>claim</c> events.</summary>
public static class Producer
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static long Run<TRing>(TRing ring, BenchSink sink, int events, int claim)
        where TRing : struct, IProducerRing
    {
        long before = sink.Sum;
        sink.Arm(events);
        if (claim == 1)
        {
            for (int i = 0; i < events; i++)
            {
                long seq = ring.Next();
                ring.Slot(seq).Value = i;
                ring.Publish(seq);
            }
        }
        else
        {
            for (int i = 0; i < events; i += claim)
            {
                long hi = ring.Next(claim);
                long lo = hi - claim + 1;
                for (int k = 0; k < claim; k++)
                {
                    ring.Slot(lo + k).Value = i + k;
                }

                ring.Publish(lo, hi);
            }
        }

        sink.Done.Wait();
        return sink.Sum - before;
    }
}
