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
    private long _orders;

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

    /// <summary>Records one decision's verdict at its exchange time.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Record(long timeNs, RiskVerdict verdict)
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
        }
        else
        {
            _sinceOrder[k]++;
        }
    }
}
