using System.Runtime.InteropServices;

namespace HftScalper.Disruptor.Tests;

/// <summary>A 64-byte event like the engine's: a payload plus fields that stages fill in.</summary>
[StructLayout(LayoutKind.Sequential, Size = 64)]
public struct TestEvent
{
    public long Value;
    public long ProducerId;
    public long Counter;
    public long StageA;
    public long StageB;
}
