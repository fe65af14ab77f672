using HftScalper.Core.Frames;

namespace HftScalper.Binance.Tests.Feeds;

/// <summary>Frames held in memory (payloads owned by the caller), read from <paramref name="from"/> for <paramref name="count"/>.</summary>
internal sealed class FrameArraySource(IReadOnlyList<RawFrame> frames, int from, int count) : IRawFrameSource
{
    private readonly int _start = from;
    private readonly int _end = from + count;
    private int _next = from;

    public FrameArraySource(IReadOnlyList<RawFrame> frames) : this(frames, 0, frames.Count) { }

    public string Description => $"frames {_start}..{_end}";

    public bool TryRead(out RawFrame frame)
    {
        if (_next >= _end)
        {
            frame = default;
            return false;
        }
        frame = frames[_next++];
        return true;
    }

    public void Dispose() { }
}
