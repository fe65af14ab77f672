namespace HftScalper.Simulator.Statistics;

/// <summary>
/// A deliberately simple managed L2 book that follows Binance's documented spot sync rules (buffer diffs, take
/// the snapshot, drop diffs with u &lt;= lastUpdateId, require U &lt;= id+1 &lt;= u for the first, then
/// U == previous u + 1). It is the reference the statistics and the consistency tests use: sorted dictionaries,
/// not fast, obviously right. Prices in ticks, quantities in lots.
/// </summary>
internal sealed class ReferenceBook
{
    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();
    private readonly List<(long U, long u, List<(bool Bid, long Price, long Qty)> Levels)> _buffer = [];
    private long _id = -1;

    /// <summary>Whether a snapshot was applied and the book is in sync.</summary>
    public bool Synced => _id >= 0;

    /// <summary>Final update id of the last applied diff (or the snapshot's lastUpdateId).</summary>
    public long UpdateId => _id;

    /// <summary>Diffs applied.</summary>
    public long Applied { get; private set; }

    /// <summary>Diffs dropped because the snapshot already contained them.</summary>
    public long Dropped { get; private set; }

    /// <summary>Gaps: a diff whose U was not the next id (the book was discarded).</summary>
    public long Gaps { get; private set; }

    /// <summary>Times the book was crossed or locked after a diff.</summary>
    public long Crossed { get; private set; }

    /// <summary>Bids, best first.</summary>
    public IEnumerable<KeyValuePair<long, long>> Bids => _bids;

    /// <summary>Asks, best first.</summary>
    public IEnumerable<KeyValuePair<long, long>> Asks => _asks;

    /// <summary>Best bid (price, qty) or (0, 0).</summary>
    public (long Price, long Qty) BestBid => _bids.Count == 0 ? default : First(_bids);

    /// <summary>Best ask (price, qty) or (0, 0).</summary>
    public (long Price, long Qty) BestAsk => _asks.Count == 0 ? default : First(_asks);

    /// <summary>Applies a REST snapshot, then any buffered diffs after it.</summary>
    public void ApplySnapshot(long lastUpdateId, IEnumerable<(long Price, long Qty)> bids, IEnumerable<(long Price, long Qty)> asks)
    {
        ArgumentNullException.ThrowIfNull(bids);
        ArgumentNullException.ThrowIfNull(asks);
        _bids.Clear();
        _asks.Clear();
        foreach (var (p, q) in bids) if (q > 0) _bids[p] = q;
        foreach (var (p, q) in asks) if (q > 0) _asks[p] = q;
        _id = lastUpdateId;
        var pending = _buffer.ToArray();
        _buffer.Clear();
        foreach (var (first, last, levels) in pending) ApplyDiff(first, last, levels);
    }

    /// <summary>Applies (or buffers, before the snapshot) one depth diff. Returns true when it changed the book.</summary>
    public bool ApplyDiff(long first, long last, List<(bool Bid, long Price, long Qty)> levels)
    {
        ArgumentNullException.ThrowIfNull(levels);
        if (_id < 0)
        {
            _buffer.Add((first, last, levels));
            return false;
        }
        if (last <= _id)
        {
            Dropped++;
            return false;
        }
        if (first > _id + 1)
        {
            Gaps++;
            _id = -1;
            _bids.Clear();
            _asks.Clear();
            return false;
        }
        foreach (var (bid, p, q) in levels)
        {
            var side = bid ? _bids : _asks;
            if (q == 0) side.Remove(p);
            else side[p] = q;
        }
        _id = last;
        Applied++;
        if (_bids.Count > 0 && _asks.Count > 0 && BestBid.Price >= BestAsk.Price) Crossed++;
        return true;
    }

    /// <summary>Sum of the quantities of the best <paramref name="levels"/> levels of one side.</summary>
    public long Depth(bool bid, int levels)
    {
        long sum = 0;
        int n = 0;
        foreach (var kv in bid ? _bids : _asks)
        {
            if (n++ == levels) break;
            sum += kv.Value;
        }
        return sum;
    }

    private static (long, long) First(SortedDictionary<long, long> d)
    {
        using var e = d.GetEnumerator();
        e.MoveNext();
        return (e.Current.Key, e.Current.Value);
    }
}
