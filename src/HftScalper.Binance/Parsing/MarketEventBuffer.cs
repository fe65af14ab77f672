using System.Runtime.CompilerServices;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Parsing;

/// <summary>
/// A reusable, pre-allocated output buffer of <see cref="MarketEvent"/>s that the parser appends to. It grows
/// (doubling) only when one message has more levels than ever before, so in steady state parsing allocates nothing.
/// </summary>
/// <remarks>Single-threaded: owned by the feed thread, which copies the events into ring slots.</remarks>
public sealed class MarketEventBuffer
{
    private MarketEvent[] _items;

    /// <summary>Creates a buffer holding <paramref name="initialCapacity"/> events before its first growth.</summary>
    public MarketEventBuffer(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(initialCapacity, 1);
        _items = new MarketEvent[initialCapacity];
    }

    /// <summary>Number of events held.</summary>
    public int Count { get; private set; }

    /// <summary>Current capacity.</summary>
    public int Capacity => _items.Length;

    /// <summary>The events held, valid until the next append or <see cref="Clear"/>.</summary>
    public ReadOnlySpan<MarketEvent> Events => _items.AsSpan(0, Count);

    /// <summary>The event at <paramref name="index"/> (no bounds check beyond the array's).</summary>
    public ref readonly MarketEvent this[int index] => ref _items[index];

    /// <summary>Forgets every event (keeps the storage).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Clear() => Count = 0;

    /// <summary>Appends one zeroed event and returns it for filling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref MarketEvent Append()
    {
        if (Count == _items.Length) Grow();
        ref var e = ref _items[Count++];
        e = default;
        return ref e;
    }

    /// <summary>Drops every event from <paramref name="count"/> on (rolls back a half-parsed message).</summary>
    internal void Truncate(int count) => Count = count;

    /// <summary>Mutable access for the parser to patch flags on events it just wrote.</summary>
    internal ref MarketEvent At(int index) => ref _items[index];

    /// <summary>The storage, for the fast scanner's level loop (which keeps the count in a local).</summary>
    internal MarketEvent[] Items => _items;

    /// <summary>Sets the count after the level loop wrote events straight into <see cref="Items"/>.</summary>
    internal void SetCount(int count) => Count = count;

    /// <summary>Grows the storage while <paramref name="count"/> events are held; returns the new storage.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal MarketEvent[] GrowFor(int count)
    {
        Count = count;
        Grow();
        return _items;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Grow() => Array.Resize(ref _items, _items.Length * 2);
}
