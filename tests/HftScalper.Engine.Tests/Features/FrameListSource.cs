using HftScalper.Core.Frames;

namespace HftScalper.Engine.Tests.Features;

/// <summary>Frames held in memory (payloads copied, since real sources reuse their buffers), replayable in pieces.</summary>
internal sealed class FrameListSource(IReadOnlyList<RawFrame> frames, int from, int count) : IRawFrameSource
{
    private readonly int _end = from + count;
    private int _next = from;

    public string Description => $"frames ..{_end}";

    public bool TryRead(out RawFrame frame)
    {
        if (_next >= _end) { frame = default; return false; }
        frame = frames[_next++];
        return true;
    }

    public void Dispose() { }

    public static List<RawFrame> ReadAll(IRawFrameSource source)
    {
        var list = new List<RawFrame>();
        while (source.TryRead(out var f))
            list.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        return list;
    }
}
