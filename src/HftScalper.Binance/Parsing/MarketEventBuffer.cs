using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// A reusable, pre-allocated output buffer of <see cref="MarketEvent"/>s that the parser appends to. It grows
/// (doubling) only when one message has more levels than ever before, so in steady state parsing allocates nothing.
/// It can also write into a caller's window of slots (<see cref="WriteInto"/>: free slots of a ring), so a producer
/// publishes the parsed events where they were written instead of copying them; a message that outgrows the window
/// moves to the buffer's own storage (the caller then copies it, as before).
/// </summary>
/// <remarks>Single-threaded: owned by the feed thread, which copies the events into ring slots, or parses them in place.</remarks>
public sealed class MarketEventBuffer
{
    private MarketEvent[] _own;
    private MarketEvent[] _items; // _own, or the array of the window being written
    private int _base;            // index in _items of event 0
    private int _capacity;        // events that fit from _base on

    /// <summary>Creates a buffer holding <paramref name="initialCapacity"/> events before its first growth.</summary>
    public MarketEventBuffer(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _own = new MarketEvent[initialCapacity];
        _items = _own;
        _capacity = initialCapacity;
    }

    /// <summary>Number of events held.</summary>
    public int Count { get; private set; }

    /// <summary>Events that fit before the next growth (or before a window's end).</summary>
    public int Capacity => _capacity;

    /// <summary>True while the events are written into the window given to <see cref="WriteInto"/> (false once they
    /// outgrew it, and after <see cref="Clear"/>).</summary>
    public bool InWindow => !ReferenceEquals(_items, _own);

    /// <summary>The events held, valid until the next append or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<MarketEvent> Events => _items.AsSpan(_base, Count);

    /// <summary>The event at <paramref name="index"/> (no bounds check beyond the array's).</summary>
    public ref readonly MarketEvent this[int index] => ref _items[_base + index];

    /// <summary>Forgets every event (keeps the storage) and writes into the buffer's own storage again.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear()
    {
        Count = 0;
        if (!ReferenceEquals(_items, _own)) UseOwn();
    }

    /// <summary>
    /// Forgets every event and appends the next ones into <paramref name="window"/> (its slots are overwritten from the
    /// first on; nothing past <see cref="Count"/> is meaningful). When a message needs more slots than the window has,
    /// what was written moves to the buffer's own storage and the message continues there (<see cref="InWindow"/> false).
    /// An empty window is the buffer's own storage (<see cref="Clear"/>).
    /// </summary>
    public void WriteInto(ArraySegment<MarketEvent> window)
    {
        Count = 0;
        if (window.Array is not { } array || window.Count == 0)
        {
            UseOwn();
            return;
        }
        _items = array;
        _base = window.Offset;
        _capacity = window.Count;
    }

    /// <summary>Appends one zeroed event and returns it for filling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MarketEvent Append()
    {
        if (Count == _capacity) Grow();
        ref var e = ref _items[_base + Count++];
        e = default;
        return ref e;
    }

    /// <summary>Drops every event from <paramref name="count"/> on (rolls back a half-parsed message).</summary>
    internal void Truncate(int count) => Count = count;

    /// <summary>Mutable access for the parser to patch flags on events it just wrote.</summary>
    internal ref MarketEvent At(int index) => ref _items[_base + index];

    /// <summary>Event 0's slot, for the fast scanner's level loop (which keeps the count in a local and stays below
    /// <see cref="Capacity"/>).</summary>
    internal ref MarketEvent Origin => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_items), _base);

    /// <summary>Sets the count after the level loop wrote events straight from <see cref="Origin"/> on.</summary>
    internal void SetCount(int count) => Count = count;

    /// <summary>Makes room for more than <paramref name="count"/> events while that many are held (the level loop then
    /// re-reads <see cref="Origin"/> and <see cref="Capacity"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal void GrowFor(int count)
    {
        Count = count;
        Grow();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow()
    {
        if (InWindow)
        {
            // Out of the window: the events written so far move to the own storage, which grows if they do not fit.
            var written = _items.AsSpan(_base, Count);
            if (_own.Length <= Count) _own = new MarketEvent[Math.Max(_own.Length * 2, Count * 2)];
            written.CopyTo(_own);
            UseOwn();
            if (Count < _capacity) return;
        }
        Array.Resize(ref _own, _own.Length * 2);
        UseOwn();
    }

    private void UseOwn()
    {
        _items = _own;
        _base = 0;
        _capacity = _own.Length;
    }
}
