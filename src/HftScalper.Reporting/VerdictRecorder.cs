using System.Runtime.CompilerServices;
using HftScalper.Trading.Risk;

namespace HftScalper.Reporting;

/// <summary>
/// Risk verdicts over exchange time, enough to say why trading stopped when it did: counts of every verdict, counts
/// since the last accepted order, and the exchange times of the first decision, the last order and the last decision.
/// Zero allocation per call; one thread.
/// </summary>
public sealed class VerdictRecorder
{
    private static readonly int Kinds = Enum.GetValues<RiskVerdict>().Max(v => (int)v) + 1;
    private readonly long[] _total = new long[Kinds];
    private readonly long[] _sinceOrder = new long[Kinds];
    private readonly long[] _warmupSinceOrder = new long[Kinds];
    private long _orders;

    // Per symbol: whether a decision of it has passed the market-data checks yet, and its market-data refusals before
    // that (its warm-up: no book yet), stamped with the order count they were counted under. Grown on a symbol's first
    // decision only.
    private SymbolWarmup[] _symbols = new SymbolWarmup[16];

    private struct SymbolWarmup
    {
        public bool Passed;
        public long Stamp, BookNotSynced, FeedStale, NoMarket;
    }

    /// <summary>Decisions recorded.</summary>
    public long Decisions { get; private set; }

    /// <summary>Decisions that sent an order (verdict accept).</summary>
    public long Orders => _orders;

    /// <summary>Exchange time of the first decision, ns.</summary>
    public long FirstTimeNs { get; private set; }

    /// <summary>Exchange time of the last decision, ns.</summary>
    public long LastTimeNs { get; private set; }

    /// <summary>Exchange time of the last accepted order, ns (0 when none).</summary>
    public long LastOrderTimeNs { get; private set; }

    /// <summary>Verdict of the last decision.</summary>
    public RiskVerdict LastVerdict { get; private set; }

    /// <summary>Decisions that got a risk verdict (those of symbols not traded get none).</summary>
    public long Judged => _total.Sum();

    /// <summary>Decisions with this verdict over the run.</summary>
    public long Total(RiskVerdict v) => (uint)v < (uint)Kinds ? _total[(int)v] : 0;

    /// <summary>Decisions with this verdict after the last accepted order (all of them when no order was sent).</summary>
    public long SinceLastOrder(RiskVerdict v) => (uint)v < (uint)Kinds ? _sinceOrder[(int)v] : 0;

    /// <summary>Of <see cref="SinceLastOrder"/>, the market-data refusals (<c>bookNotSynced</c>, <c>feedStale</c>,
    /// <c>noMarket</c>) of a symbol's warm-up: decisions before its first one that passed the market-data checks, of a
    /// symbol that did pass them later. Every recording starts unsynced; those refusals say nothing about why it stopped.</summary>
    public long WarmupSinceLastOrder(RiskVerdict v) => (uint)v < (uint)Kinds ? _warmupSinceOrder[(int)v] : 0;

    /// <summary>Records one decision's verdict at its exchange time, for symbol <paramref name="symbolId"/> (a symbol's
    /// warm-up is told apart per symbol; a negative id is not tracked).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long timeNs, RiskVerdict verdict, int symbolId = 0)
    {
        if (Decisions++ == 0) FirstTimeNs = timeNs;
        if (timeNs > LastTimeNs) LastTimeNs = timeNs;
        LastVerdict = verdict;
        int k = (int)verdict;
        if ((uint)k >= (uint)Kinds) return;
        _total[k]++;
        if (verdict == RiskVerdict.Accept)
        {
            _orders++;
            LastOrderTimeNs = timeNs;
            Array.Clear(_sinceOrder);
            Array.Clear(_warmupSinceOrder);
        }
        else
        {
            _sinceOrder[k]++;
        }
        if ((uint)symbolId < (uint)_symbols.Length && _symbols[symbolId].Passed) return;
        Warmup(symbolId, verdict);
    }

    // Before a symbol's first decision past the market-data checks: hold its market-data refusals; at that decision they
    // become warm-up (those counted since the last order). The verdicts risk gives before or at those checks (kill switch,
    // invalid signal, venue, book, feed, market) say nothing about the market having been tradable.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Warmup(int symbolId, RiskVerdict verdict)
    {
        if (symbolId < 0) return;
        if (symbolId >= _symbols.Length) Array.Resize(ref _symbols, Math.Max(symbolId + 1, _symbols.Length * 2));
        ref var s = ref _symbols[symbolId];
        if (s.Stamp != _orders) s = new SymbolWarmup { Stamp = _orders };
        switch (verdict)
        {
            case RiskVerdict.BookNotSynced: s.BookNotSynced++; return;
            case RiskVerdict.FeedStale: s.FeedStale++; return;
            case RiskVerdict.NoMarket: s.NoMarket++; return;
            case RiskVerdict.KillSwitchHalted or RiskVerdict.KillSwitchTripped or RiskVerdict.InvalidSignal or RiskVerdict.VenueNotReady: return;
        }
        s.Passed = true;
        if (verdict == RiskVerdict.Accept) return; // the order cleared what came before
        _warmupSinceOrder[(int)RiskVerdict.BookNotSynced] += s.BookNotSynced;
        _warmupSinceOrder[(int)RiskVerdict.FeedStale] += s.FeedStale;
        _warmupSinceOrder[(int)RiskVerdict.NoMarket] += s.NoMarket;
    }
}
