using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Features.CrossSymbol;

/// <summary>
/// The cross-symbol feature block of one <see cref="Engine.FeatureEngine"/>: it keeps every symbol's mid on a shared
/// exchange-time grid and writes, on a symbol's decision row, the leader's recent moves and the rolling correlations
/// of the two symbols' per-interval returns (<see cref="CrossSymbolColumns"/>).
/// </summary>
/// <remarks>
/// <code>
///  any event at t (ring order) --> this symbol's grid:  close intervals ending at or before t with its mid before t
///                              \-> the leader's grid: the same with the leader's mid now (its last event in stream order)
///  decision row of a follower  --> leader move = leader mid now vs leader close n intervals back (bps of that close)
///                              \-> correlations over the last N closed intervals (recomputed once per interval)
/// </code>
/// <para>The leader's state at a follower's event is the leader's last event at or before it in the merged stream
/// order, so interleaved symbols give the same rows every run. Prices stay integers (bid + ask) until a ratio is taken.
/// Neutral values (every column 0, <c>xs_leader_valid</c> 0) are written, and counted in <see cref="NeutralRows"/>, when
/// the leader was never seen, has no live quote (status, unsynced depth book without a ticker stream), or its grid does
/// not reach back the slow window yet; the leader's own rows are neutral too (counted in <see cref="LeaderRows"/>).
/// Allocation-free per event: grids are allocated with the symbol's state.</para>
/// </remarks>
internal sealed class CrossSymbolBlock
{
    private readonly CrossSymbolOptions _o;
    private readonly SymbolRegistry _symbols;
    private readonly long _interval;
    private readonly int _capacity;
    private CrossSymbolTrack? _leader;

    public CrossSymbolBlock(CrossSymbolOptions options, SymbolRegistry symbols)
    {
        _o = options;
        _symbols = symbols;
        _interval = options.IntervalNs;
        _capacity = Math.Max(options.CorrelationIntervals + 3, options.SlowIntervals + 2);
    }

    /// <summary>Rows written with neutral values because the leader was missing, not live or warming up.</summary>
    public long NeutralRows { get; private set; }

    /// <summary>Rows of the leader itself (neutral by definition).</summary>
    public long LeaderRows { get; private set; }

    /// <summary>Rows written with the leader's values.</summary>
    public long LiveRows { get; private set; }

    /// <summary>A new symbol's track (slow path: once per symbol); the leader is recognised here by name.</summary>
    public CrossSymbolTrack AddSymbol(int id, Engine.MicrostructureState micro)
    {
        var track = new CrossSymbolTrack(_capacity, micro);
        if (_leader is null && (uint)id < (uint)_symbols.Count && string.Equals(_symbols[id].Name, _o.Leader, StringComparison.OrdinalIgnoreCase))
        {
            _leader = track;
        }
        return track;
    }

    /// <summary>Before the event at <paramref name="nowNs"/> changes the symbol's quote: close the intervals that ended,
    /// on this symbol's grid (its mid before the event) and on the leader's (the leader's mid now).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void BeforeEvent(CrossSymbolTrack track, long nowNs)
    {
        long current = FloorDiv(nowNs, _interval);
        track.Grid.Advance(current, track.Mid2);
        if (_leader is { } l && !ReferenceEquals(l, track)) l.Grid.Advance(current, l.Mid2);
    }

    /// <summary>After the event: the symbol's quote source is live or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void AfterEvent(CrossSymbolTrack track, MarketEventKind kind, bool bookSynced, bool hasQuote)
    {
        if (kind == MarketEventKind.TopOfBook)
        {
            track.TickerSeen = true;
            track.Live = hasQuote;
        }
        else if (kind is MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel && !track.TickerSeen)
        {
            track.Live = bookSynced && hasQuote;
        }
    }

    /// <summary>A status event (feed restart, resync) for the symbol: its quote is not live until the next one.</summary>
    public static void OnStatus(CrossSymbolTrack? track)
    {
        if (track is not null) track.Live = false;
    }


    /// <summary>Writes the block (<see cref="CrossSymbolColumns.Count"/> floats) for a decision of the symbol of <paramref name="track"/>.</summary>
    public void Write(Span<float> row, CrossSymbolTrack track, long nowNs)
    {
        row = row[..CrossSymbolColumns.Count];
        if (ReferenceEquals(track, _leader))
        {
            row.Clear();
            LeaderRows++;
            return;
        }
        var l = _leader;
        long leaderMid2 = l is null ? 0 : l.Mid2;
        long current = FloorDiv(nowNs, _interval);
        long fastRef = l is null ? 0 : l.Grid.Close(current - _o.FastIntervals);
        long slowRef = l is null ? 0 : l.Grid.Close(current - _o.SlowIntervals);
        if (l is null || !l.Live || leaderMid2 <= 0 || fastRef <= 0 || slowRef <= 0)
        {
            row.Clear();
            NeutralRows++;
            return;
        }
        row[CrossSymbolColumns.LeaderValid] = 1;
        row[CrossSymbolColumns.LeaderMoveFast] = (float)((leaderMid2 - fastRef) * 1e4 / fastRef);
        row[CrossSymbolColumns.LeaderMoveSlow] = (float)((leaderMid2 - slowRef) * 1e4 / slowRef);
        if (track.CorrelationAt != current) Correlate(track.Grid, l.Grid, current, track);
        row[CrossSymbolColumns.ReturnCorrelation] = (float)track.Correlation;
        row[CrossSymbolColumns.LeadCorrelation] = (float)track.LeadCorrelation;
        LiveRows++;
    }

    // Once per interval per symbol: O(CorrelationIntervals), over closed intervals only (they never change again).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Correlate(MidGrid follower, MidGrid leader, long current, CrossSymbolTrack track)
    {
        track.CorrelationAt = current;
        track.Correlation = Pearson(follower, leader, current, 0);
        track.LeadCorrelation = Pearson(follower, leader, current, 1);
    }

    /// <summary>Correlation of the follower's return over interval k with the leader's over k - <paramref name="lag"/>,
    /// for k in the last N closed intervals; 0 with fewer than N/2 pairs or a side without variance.</summary>
    private double Pearson(MidGrid follower, MidGrid leader, long current, int lag)
    {
        int n = 0;
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (long k = current - _o.CorrelationIntervals; k < current; k++)
        {
            if (!follower.TryReturn(k, out double y) || !leader.TryReturn(k - lag, out double x)) continue;
            n++;
            sx += x; sy += y; sxx += x * x; syy += y * y; sxy += x * y;
        }
        if (n < Math.Max(3, _o.CorrelationIntervals / 2)) return 0;
        double vx = sxx - sx * sx / n, vy = syy - sy * sy / n;
        if (!(vx > 1e-12) || !(vy > 1e-12)) return 0;
        return Math.Clamp((sxy - sx * sy / n) / Math.Sqrt(vx * vy), -1, 1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
