using HftScalper.Core.Frames;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Replay;

/// <summary>Several frame sources read one after another as one stream (contiguous recordings).</summary>
internal sealed class ConcatFrameSource : IRawFrameSource, IInputDamageSource
{
    private readonly IRawFrameSource[] _sources;
    private int _current;

    /// <summary>Takes ownership of <paramref name="sources"/>, read in the order given.</summary>
    public ConcatFrameSource(IReadOnlyList<IRawFrameSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        Description = string.Join(" + ", _sources.Select(s => s.Description));
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>The sources, in order.</summary>
    public IReadOnlyList<IRawFrameSource> Sources => _sources;

    /// <inheritdoc />
    public bool TryRead(out RawFrame frame)
    {
        while (_current < _sources.Length)
        {
            if (_sources[_current].TryRead(out frame)) return true;
            _current++;
        }
        frame = default;
        return false;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var s in _sources) s.Dispose();
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total)
    {
        foreach (var s in _sources) total.AddFrom(s);
    }
}
