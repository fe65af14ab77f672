using System.Runtime.CompilerServices;
using HftScalper.Core.Frames;

namespace HftScalper.Simulator.Wire;

/// <summary>
/// A reusable byte buffer holding the frames one simulation step produced, consumed in order. The owner sizes it
/// at construction for the largest step it can produce (see <c>SymbolSimulator</c>), so generation allocates
/// nothing after construction; growth remains only as a safety net for a step beyond the stated bound.
/// </summary>
internal sealed class MessageArena
{
    private byte[] _bytes;
    private Entry[] _entries;
    private int _length, _count, _next, _open = -1;

    /// <summary>Creates the arena with room for <paramref name="maxFrames"/> frames and <paramref name="bytes"/>
    /// payload bytes per step.</summary>
    public MessageArena(int maxFrames, int bytes)
    {
        _entries = new Entry[Math.Max(1, maxFrames)];
        _bytes = new byte[Math.Max(1 << 16, bytes)];
    }

    private struct Entry
    {
        public int Offset, Length;
        public long LocalTimeNs;
        public FrameOrigin Origin;
    }

    /// <summary>Frames written and not yet taken.</summary>
    public int Pending => _count - _next;

    /// <summary>Local time of the next frame to take.</summary>
    public long PeekTime => _entries[_next].LocalTimeNs;

    /// <summary>Forgets every frame (call only when all were taken: payloads are borrowed).</summary>
    public void Reset() => _length = _count = _next = 0;

    /// <summary>Starts a frame; append its bytes, then <see cref="End"/>.</summary>
    public void Begin(long localTimeNs, FrameOrigin origin)
    {
        if (_count == _entries.Length) GrowEntries();
        _open = _count;
        _entries[_count++] = new Entry { Offset = _length, LocalTimeNs = localTimeNs, Origin = origin };
    }

    /// <summary>Closes the frame started by <see cref="Begin"/>.</summary>
    public void End()
    {
        ref var e = ref _entries[_open];
        e.Length = _length - e.Offset;
        _open = -1;
    }

    /// <summary>Takes the next frame.</summary>
    public RawFrame Take(int symbolId, int streamId)
    {
        ref var e = ref _entries[_next++];
        // A REST snapshot names no symbol, so the frame carries the id; stream messages name their symbol.
        int sid = e.Origin == FrameOrigin.RestSnapshot ? symbolId : -1;
        return new RawFrame(e.LocalTimeNs, e.Origin, sid, streamId, new ReadOnlyMemory<byte>(_bytes, e.Offset, e.Length));
    }

    /// <summary>A span of at least <paramref name="size"/> writable bytes at the end of the buffer.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Span<byte> GetSpan(int size)
    {
        if (_bytes.Length - _length < size) Grow(size);
        return _bytes.AsSpan(_length);
    }

    /// <summary>Marks <paramref name="count"/> bytes of the last span as written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Advance(int count) => _length += count;

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void GrowEntries() => Array.Resize(ref _entries, _entries.Length * 2);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow(int size) => Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + size));
}
