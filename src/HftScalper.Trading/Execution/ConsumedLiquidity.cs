using HftScalper.Core.Events;

namespace HftScalper.Trading.Execution;

/// <summary>
/// What our taker fills took from replayed levels, which the replay itself never shows: a later order walking the
/// same level sees only the rest. An entry is forgotten when the venue next updates that level (the new quantity
/// is the market's own view again) or the symbol's book is rebuilt. Fixed capacity; when full, the oldest
/// entry is dropped (the simulation becomes optimistic for that level, never wrong in sign).
/// </summary>
internal sealed class ConsumedLiquidity
{
    private struct Entry
    {
        public int SymbolId;
        public Side Side;
        public long Price;
        public long Lots;
    }

    private readonly Entry[] _entries;
    private int _count;

    public ConsumedLiquidity(int capacity) => _entries = new Entry[capacity];

    public int Count => _count;

    public long At(int symbolId, Side side, long price)
    {
        for (int i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            if (e.Price == price && e.SymbolId == symbolId && e.Side == side) return e.Lots;
        }
        return 0;
    }

    public void Add(int symbolId, Side side, long price, long lots)
    {
        for (int i = 0; i < _count; i++)
        {
            ref var e = ref _entries[i];
            if (e.Price == price && e.SymbolId == symbolId && e.Side == side)
            {
                e.Lots += lots;
                return;
            }
        }
        if (_count == _entries.Length) RemoveAt(0);
        _entries[_count++] = new Entry { SymbolId = symbolId, Side = side, Price = price, Lots = lots };
    }

    /// <summary>Forgets what a book event refreshes.</summary>
    public void OnMarketEvent(in MarketEvent e)
    {
        bool snapshot = (e.Flags & MarketEventFlags.SnapshotStart) != 0;
        for (int i = _count - 1; i >= 0; i--)
        {
            ref var c = ref _entries[i];
            if (c.SymbolId != e.SymbolId) continue;
            bool refreshed = e.Kind switch
            {
                MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel => snapshot || (c.Side == e.Side && c.Price == e.Price),
                MarketEventKind.TopOfBook => c.Side == Side.Bid ? c.Price == e.Price : c.Price == e.AskPrice,
                MarketEventKind.Status => true,
                _ => false,
            };
            if (refreshed) RemoveAt(i);
        }
    }

    // Keeps insertion order, so "oldest first" stays true for the drop when full.
    private void RemoveAt(int index)
    {
        Array.Copy(_entries, index + 1, _entries, index, _count - index - 1);
        _count--;
    }
}
