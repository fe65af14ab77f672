namespace HftScalper.Recording.Events;

/// <summary>
/// The national best bid and offer rebuilt from each venue's own top of book (Lean/AlgoSeek quote rows: one venue,
/// one side per row). A row replaces its venue's quote on the side it carries (price and size &gt; 0); a side with a
/// price but no size, or a row with neither side, withdraws that venue's quote there. A quote that a newer quote
/// (of another venue, or the same venue's other side) locks or crosses is stale and dropped (counted in <see cref="StaleDropped"/>): the newest
/// quote is the market. The NBBO is the highest bid and lowest ask over venues, with the size of every venue at
/// that price.
/// </summary>
internal sealed class NbboBook
{
    private readonly long[] _bid = new long[128], _bidSize = new long[128], _ask = new long[128], _askSize = new long[128];
    private readonly List<int> _active = new(16);

    /// <summary>Venue quotes dropped because a newer quote of another venue locked or crossed them.</summary>
    public long StaleDropped { get; private set; }

    /// <summary>Forgets every venue's quote (a new day).</summary>
    public void Clear()
    {
        foreach (int v in _active) _bid[v] = _bidSize[v] = _ask[v] = _askSize[v] = 0;
        _active.Clear();
    }

    /// <summary>Applies one quote row of <paramref name="venue"/> (a character code; other codes share slot 0).</summary>
    public void Apply(int venue, long bid, long bidSize, long ask, long askSize)
    {
        int v = venue is > 0 and < 128 ? venue : 0;
        if (!_active.Contains(v)) _active.Add(v);
        bool noSide = bid <= 0 && ask <= 0;
        if (bid > 0 || noSide) (_bid[v], _bidSize[v]) = bid > 0 && bidSize > 0 ? (bid, bidSize) : (0, 0);
        if (ask > 0 || noSide) (_ask[v], _askSize[v]) = ask > 0 && askSize > 0 ? (ask, askSize) : (0, 0);
        // The side this row carries is the newest quote: any ask it locks or crosses (the venue's own older ask too) is stale.
        foreach (int w in _active)
        {
            if (bid > 0 && _bid[v] > 0 && _ask[w] > 0 && _ask[w] <= _bid[v]) { _ask[w] = _askSize[w] = 0; StaleDropped++; }
            if (ask > 0 && _ask[v] > 0 && _bid[w] > 0 && _bid[w] >= _ask[v]) { _bid[w] = _bidSize[w] = 0; StaleDropped++; }
        }
    }

    /// <summary>The best bid and ask over venues with their aggregate sizes (0 where no venue quotes the side).</summary>
    public (long Bid, long BidSize, long Ask, long AskSize) Best()
    {
        long bid = 0, bidSize = 0, ask = 0, askSize = 0;
        foreach (int v in _active)
        {
            if (_bid[v] > bid) (bid, bidSize) = (_bid[v], _bidSize[v]);
            else if (_bid[v] > 0 && _bid[v] == bid) bidSize += _bidSize[v];
            if (_ask[v] > 0 && (ask == 0 || _ask[v] < ask)) (ask, askSize) = (_ask[v], _askSize[v]);
            else if (_ask[v] > 0 && _ask[v] == ask) askSize += _askSize[v];
        }
        return (bid, bidSize, ask, askSize);
    }
}
