using System.Runtime.InteropServices;

namespace HftScalper.Benchmarks.Disruptor;

/// <summary>A 64-byte event, the size of the engine's MarketEvent: a payload and two fields stages fill in.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct BenchEvent
{
    /// <summary>Written by the producer.</summary>
    public long Value;

    /// <summary>Written by the first pipeline stage.</summary>
    public long A;

    /// <summary>Written by the second pipeline stage.</summary>
    public long B;
}
