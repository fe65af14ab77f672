using HftScalper.Core.Frames;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>A test source that holds the stream at given frame counts until the test releases it, so a check that must
/// happen "while the run is going" happens there by construction, not by winning a race against the replay on a
/// loaded machine.</summary>
internal sealed class GatedFrameSource : IRawFrameSource
{
    private readonly IRawFrameSource _inner;
    private readonly long[] _holdAt;
    private readonly SemaphoreSlim _release = new(0);
    private readonly SemaphoreSlim _held = new(0);
    private long _frames;
    private int _next;
    private volatile bool _ended;

    /// <summary>Wraps (and owns) <paramref name="inner"/>; holds before reading frame number <paramref name="holdAt"/>[i]
    /// (ascending, 0-based).</summary>
    public GatedFrameSource(IRawFrameSource inner, params long[] holdAt)
    {
        _inner = inner;
        _holdAt = holdAt;
    }

    public string Description => _inner.Description + " (gated)";

    /// <summary>Waits until the source holds at its next gate; false when the stream ended (or the time ran out) first.</summary>
    public async Task<bool> HeldAsync(TimeSpan timeout) => await _held.WaitAsync(timeout) && !_ended;

    /// <summary>Lets a held stream go on to its next gate.</summary>
    public void Release() => _release.Release();

    public bool TryRead(out RawFrame frame)
    {
        if (_next < _holdAt.Length && _frames == _holdAt[_next])
        {
            _next++;
            _held.Release();
            _release.Wait();
        }
        if (!_inner.TryRead(out frame))
        {
            if (!_ended) { _ended = true; _held.Release(); } // a waiting test learns that no gate is coming
            return false;
        }
        _frames++;
        return true;
    }

    public void Dispose()
    {
        _inner.Dispose();
        _release.Dispose();
        _held.Dispose();
    }
}
