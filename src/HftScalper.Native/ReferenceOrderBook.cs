using HftScalper.Core.Events;

namespace HftScalper.Native;

/// <summary>
/// A deliberately simple managed L2 book (two <see cref="SortedDictionary{TKey,TValue}"/>s) with the same
/// semantics and figure formulas as <see cref="NativeOrderBook"/>. It is the oracle of the differential tests and
/// the baseline of the benchmarks; it allocates and is slow by design: never use it on the hot path.
/// </summary>
internal sealed class ReferenceOrderBook
{

    private readonly SortedDictionary<long, long> _bids = new(Comparer<long>.Create((a, b) => b.CompareTo(a)));
    private readonly SortedDictionary<long, long> _asks = new();
    private BookLevel[]? _previousBids;
    private BookLevel[]? _previousAsks;

    /// <summary>Levels of a side, best first.</summary>
    public IEnumerable<BookLevel> Levels(Side side) =>
        Map(side).Select(kv => new BookLevel(kv.Key, kv.Value));

    /// <summary>Number of levels on a side.</summary>
    public int LevelCount(Side side) => side == Side.None ? 0 : Map(side).Count;

    /// <summary>Best bid &gt;= best ask with both sides present.</summary>
    public bool IsCrossed => _bids.Count > 0 && _asks.Count > 0 && _bids.First().Key >= _asks.First().Key;

    /// <summary>Removes every level and forgets the order-flow state.</summary>
    public void Clear()
    {
        _bids.Clear();
        _asks.Clear();
        _previousBids = _previousAsks = null;
    }

    /// <summary>Sets an absolute quantity (0 removes); false on a bad side, price &lt;= 0 or negative quantity.</summary>
    public bool TrySet(Side side, long price, long quantity)
    {
        if (side is not (Side.Bid or Side.Ask) || price <= 0 || quantity < 0) return false;
        var map = Map(side);
        if (quantity == 0) map.Remove(price);
        else map[price] = quantity;
        return true;
    }

    /// <summary>Replaces the book (same rules as the native snapshot: a bad level leaves it empty).</summary>
    public bool LoadSnapshot(ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        Clear();
        foreach (var l in bids) if (l.Price <= 0 || l.Quantity < 0) return false;
        foreach (var l in asks) if (l.Price <= 0 || l.Quantity < 0) return false;
        foreach (var l in bids) TrySet(Side.Bid, l.Price, l.Quantity);
        foreach (var l in asks) TrySet(Side.Ask, l.Price, l.Quantity);
        return true;
    }

    /// <summary>Applies level events the way the native batch call does; returns its counts.</summary>
    public ApplyEventsResult ApplyEvents(ReadOnlySpan<MarketEvent> events, int symbolId = -1)
    {
        var r = default(ApplyEventsResult);
        foreach (ref readonly var e in events)
        {
            if (e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel) || (symbolId >= 0 && e.SymbolId != symbolId))
            {
                r.Ignored++;
                continue;
            }
            if (e.Kind == MarketEventKind.SnapshotLevel && (e.Flags & MarketEventFlags.SnapshotStart) != 0)
            {
                Clear();
                r.Snapshots++;
            }
            if (TrySet(e.Side, e.Price, e.Quantity)) r.Applied++;
            else r.Rejected++;
        }
        return r;
    }

    /// <summary>Computes the figures with the formulas documented in hft_native.h and advances the OFI window.</summary>
    public BookFigures ComputeFigures(in BookFigureParameters parameters)
    {
        var bids = Levels(Side.Bid).ToArray();
        var asks = Levels(Side.Ask).ToArray();
        var f = new BookFigures { BidLevels = bids.Length, AskLevels = asks.Length };
        if (bids.Length > 0) { f.BidPrice = bids[0].Price; f.BidQuantity = bids[0].Quantity; f.Flags |= BookFigureFlags.HasBid; }
        if (asks.Length > 0) { f.AskPrice = asks[0].Price; f.AskQuantity = asks[0].Quantity; f.Flags |= BookFigureFlags.HasAsk; }
        if (bids.Length > 0 && asks.Length > 0)
        {
            f.Spread = f.AskPrice - f.BidPrice;
            f.Mid = ((double)f.BidPrice + f.AskPrice) / 2.0;
            f.Microprice = ((double)f.BidPrice * f.AskQuantity + (double)f.AskPrice * f.BidQuantity) / ((double)f.BidQuantity + f.AskQuantity);
            if (f.BidPrice >= f.AskPrice) f.Flags |= BookFigureFlags.Crossed;
            int k = parameters.SlopeLevels > 0 ? Math.Min(parameters.SlopeLevels, NativeOrderBook.MaxWalkLevels) : 10;
            f.BidSlope = Slope(bids, f.Mid, k);
            f.AskSlope = Slope(asks, f.Mid, k);
        }
        f.Imbalance1 = Imbalance(bids, asks, 1);
        f.Imbalance5 = Imbalance(bids, asks, 5);
        f.Imbalance10 = Imbalance(bids, asks, 10);
        f.Imbalance20 = Imbalance(bids, asks, 20);
        double notional = parameters.ImpactNotional;
        f.BuyImpact = Impact(asks, notional, out f.BuyFilledNotional);
        f.SellImpact = Impact(bids, notional, out f.SellFilledNotional);
        if (notional > 0 && f.BuyFilledNotional < notional) f.Flags |= BookFigureFlags.BuyImpactPartial;
        if (notional > 0 && f.SellFilledNotional < notional) f.Flags |= BookFigureFlags.SellImpactPartial;

        var bidsNow = Top(bids, 0);
        var asksNow = Top(asks, long.MaxValue);
        if (_previousBids is not null && _previousAsks is not null)
        {
            f.Flags |= BookFigureFlags.OfiValid;
            Int128 total = 0;
            for (int m = 0; m < OfiLevels.Count; m++)
            {
                var (bp, bc, ap, ac) = (_previousBids[m], bidsNow[m], _previousAsks[m], asksNow[m]);
                Int128 e = (bc.Price >= bp.Price ? (Int128)bc.Quantity : 0) - (bc.Price <= bp.Price ? (Int128)bp.Quantity : 0)
                         - (ac.Price <= ap.Price ? (Int128)ac.Quantity : 0) + (ac.Price >= ap.Price ? (Int128)ap.Quantity : 0);
                f.Ofi[m] = Saturate(e);
                total += f.Ofi[m];
            }
            f.OfiTotal = Saturate(total);
        }
        (_previousBids, _previousAsks) = (bidsNow, asksNow);
        return f;
    }

    private SortedDictionary<long, long> Map(Side side) => side == Side.Bid ? _bids : _asks;

    private static BookLevel[] Top(BookLevel[] side, long missingPrice) =>
        Enumerable.Range(0, OfiLevels.Count).Select(i => i < side.Length ? side[i] : new BookLevel(missingPrice, 0)).ToArray();

    private static double Imbalance(BookLevel[] bids, BookLevel[] asks, int n)
    {
        double b = Depth(bids, n), a = Depth(asks, n);
        return b + a > 0 ? (b - a) / (b + a) : 0.0;
    }

    private static double Slope(BookLevel[] side, double mid, int levels)
    {
        int k = Math.Min(side.Length, levels);
        return Depth(side, k) / (Math.Abs(side[k - 1].Price - mid) + 0.5);
    }

    // Exact depth (quantities near long.MaxValue must not wrap), as the native side sums in 128 bits.
    private static double Depth(BookLevel[] side, int n)
    {
        Int128 sum = 0;
        foreach (var l in side.Take(n)) sum += l.Quantity;
        return (double)sum;
    }

    private static long Saturate(Int128 v) => v > long.MaxValue ? long.MaxValue : v < long.MinValue ? long.MinValue : (long)v;

    private static double Impact(BookLevel[] side, double notional, out double filledNotional)
    {
        filledNotional = 0;
        if (notional <= 0 || side.Length == 0) return 0;
        double filledQty = 0;
        for (int i = 0; i < Math.Min(side.Length, NativeOrderBook.MaxWalkLevels) && filledNotional < notional; i++)
        {
            double price = side[i].Price;
            double take = Math.Min(price * side[i].Quantity, notional - filledNotional);
            filledNotional += take;
            filledQty += take / price;
        }
        if (!(filledQty > 0)) return 0;
        double vwap = filledNotional / filledQty, best = side[0].Price;
        return Math.Abs(vwap - best);
    }
}
