using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Compiled;

// One state per stream (symbol), allocated at the stream's first row: rows of several symbols interleaved each drift
// from their own previous row. Bounded: at most MaxStreams states; rows with no stream or of a stream id beyond the
// bound share one state (as every row did before states were per stream).
internal sealed partial class IncrementalTreeEnsemble
{
    /// <summary>Default of <see cref="MaxStreams"/>: 1,024 symbols with a state of their own.</summary>
    public const int DefaultMaxStreams = 1024;

    /// <summary>Stream ids below this get a state of their own at their first row; other rows share one state.</summary>
    public int MaxStreams { get; }

    /// <summary>Streams that have a state of their own (the shared one not counted).</summary>
    public int Streams { get; private set; }

    /// <summary>Bytes one stream's state holds (the memory bound is <see cref="MaxStreams"/> + 1 times this).</summary>
    public long StateBytes => _shared.Bytes;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private IncrementalTreeState StateOf(int stream)
    {
        var streams = _streams;
        if ((uint)stream < (uint)streams.Length && streams[stream] is { } state) return state;
        return AddStream(stream);
    }

    // A stream's first row (or a row of no stream / beyond the bound): allocates its state once.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private IncrementalTreeState AddStream(int stream)
    {
        if ((uint)stream >= (uint)MaxStreams) return _shared;
        if (stream >= _streams.Length) Array.Resize(ref _streams, Math.Min(MaxStreams, Math.Max(stream + 1, 2 * _streams.Length)));
        Streams++;
        return _streams[stream] = NewState();
    }

    private IncrementalTreeState NewState() => new(Features, Trees, _gridRows, _width);
}
