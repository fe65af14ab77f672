using HftScalper.Core.Frames;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>Frames held in memory, so a benchmark times the pipeline and not the source.</summary>
internal sealed class MemoryFrameSource(IReadOnlyList<RawFrame> frames) : IRawFrameSource
{
    private int _next;

    public string Description => $"{frames.Count} frames in memory";

    public bool TryRead(out RawFrame frame)
    {
        if (_next >= frames.Count) { frame = default; return false; }
        frame = frames[_next++];
        return true;
    }

    public void Dispose() { }

    /// <summary>Copies every frame of <paramref name="source"/> (sources reuse their buffers).</summary>
    public static List<RawFrame> ReadAll(IRawFrameSource source)
    {
        var list = new List<RawFrame>();
        while (source.TryRead(out var f))
            list.Add(new RawFrame(f.LocalTimeNs, f.Origin, f.SymbolId, f.StreamId, f.Payload.ToArray()));
        return list;
    }
}
