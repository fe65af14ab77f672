using System.Threading.Channels;
using HftScalper.Disruptor;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>The producer side shared by the ring and channel benchmarks: publish, wait for delivery, checksum.</summary>
public static class BenchProducer
{
    /// <summary>Writes <paramref name="events"/> events (Value = 0..n-1), waits until the sink saw them, returns the sum's growth.</summary>
    public static long ThroughChannel(ChannelWriter<BenchEvent> writer, BenchSink sink, int events)
    {
        long before = sink.Sum;
        sink.Arm(events);
        for (int i = 0; i < events; i++)
        {
            var e = new BenchEvent { Value = i };
            while (!writer.TryWrite(e))
            {
                writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        sink.Done.Wait();
        return sink.Sum - before;
    }

    /// <summary>Claims, fills and publishes <paramref name="events"/> events one by one, waits for delivery.</summary>
    public static long ThroughRing(RingBuffer<BenchEvent> ring, BenchSink sink, int events)
    {
        long before = sink.Sum;
        sink.Arm(events);
        for (int i = 0; i < events; i++)
        {
            long seq = ring.Next();
            ring[seq].Value = i;
            ring.Publish(seq);
        }

        sink.Done.Wait();
        return sink.Sum - before;
    }

    /// <summary>Runs one invocation and throws unless its checksum is <paramref name="expected"/> (before any timing).</summary>
    public static void Verify(Func<long> invoke, long expected)
    {
        long checksum = invoke();
        if (checksum != expected)
        {
            throw new InvalidOperationException($"Checksum {checksum}, expected {expected}: the benchmark lost or duplicated events.");
        }
    }
}
