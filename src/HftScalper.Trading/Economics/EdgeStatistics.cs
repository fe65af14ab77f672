namespace HftScalper.Trading.Economics;

/// <summary>
/// Why a run made (or did not make) entries, seen from the expected-value gate: for every EV-gated entry decision the
/// expected move in the trade's direction, the cost of the route it was judged on (the route taken when one clears,
/// else the route whose verdict names the refusing term: see <see cref="EdgeModel.Choose"/>), and whether it cleared.
/// Fixed-size arrays allocated once (per-symbol sums, and one histogram each for the move and the cost at
/// <see cref="BucketBps"/> resolution); <see cref="Record"/> allocates nothing. Single-threaded (the risk stage).
/// </summary>
public sealed class EdgeStatistics
{
    /// <summary>Histogram bucket width, bps.</summary>
    public const double BucketBps = 0.01;

    /// <summary>Largest absolute expected move the histogram resolves, bps (beyond it, the edge bucket; max is exact).</summary>
    public const double MoveRangeBps = 100;

    /// <summary>Largest cost the histogram resolves, bps.</summary>
    public const double CostRangeBps = 400;

    private readonly long[] _moveHist = new long[2 * (int)(MoveRangeBps / BucketBps) + 1];
    private readonly long[] _costHist = new long[(int)(CostRangeBps / BucketBps) + 1];
    private readonly PerSymbol[] _symbols;
    private Sums _all;

    /// <summary>Creates the statistics for <paramref name="symbolCount"/> symbols.</summary>
    public EdgeStatistics(int symbolCount)
    {
        _symbols = new PerSymbol[Math.Max(0, symbolCount)];
        _all.MaxMoveBps = double.NegativeInfinity;
        for (int i = 0; i < _symbols.Length; i++) _symbols[i].Sums.MaxMoveBps = double.NegativeInfinity;
    }

    /// <summary>Folds one gated decision: <paramref name="edge"/> as estimated, the route chosen (None = refused) and,
    /// when refused, whether the maker route was the one judged.</summary>
    public void Record(int symbolId, in EdgeEstimate edge, EntryRoute route, bool judgedMaker)
    {
        bool maker = route == EntryRoute.Maker || (route == EntryRoute.None && judgedMaker);
        double fees = maker ? edge.MakerFeesBps : edge.TakerFeesBps;
        double spread = maker ? 0 : edge.TakerSpreadBps;
        double slip = maker ? 0 : edge.SlippageBps;
        double adverse = maker ? edge.AdverseSelectionBps : 0;
        double cost = fees + spread + slip + adverse;
        double move = edge.ExpectedMoveBps;
        if (!double.IsFinite(move) || !double.IsFinite(cost)) return;
        bool cleared = route != EntryRoute.None;
        bool coversCost = move > cost;
        Fold(ref _all, move, cost, fees, spread, slip, adverse, cleared, coversCost, maker, edge.HalfSpreadBps);
        if ((uint)symbolId < (uint)_symbols.Length)
            Fold(ref _symbols[symbolId].Sums, move, cost, fees, spread, slip, adverse, cleared, coversCost, maker, edge.HalfSpreadBps);
        _moveHist[Bucket(move + MoveRangeBps, _moveHist.Length)]++;
        _costHist[Bucket(cost, _costHist.Length)]++;
    }

    /// <summary>Gated decisions so far.</summary>
    public long Decisions => _all.Count;

    /// <summary>Gated decisions whose EV cleared the margin (an entry route was chosen).</summary>
    public long Cleared => _all.Cleared;

    /// <summary>The figures of the whole run and of each symbol with gated decisions (<paramref name="names"/> by id).
    /// Allocates: for the end of a run.</summary>
    public EdgeFigures Figures(Func<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var bySymbol = new List<EdgeSymbolFigures>();
        for (int i = 0; i < _symbols.Length; i++)
        {
            ref readonly var s = ref _symbols[i].Sums;
            if (s.Count == 0) continue;
            bySymbol.Add(new EdgeSymbolFigures(names(i), s.Count, s.Cleared, s.CoversCost, s.SumMove / s.Count, s.MaxMoveBps, s.SumCost / s.Count));
        }
        var a = _all;
        double n = Math.Max(1, a.Count);
        return new EdgeFigures(a.Count, a.Cleared, a.CoversCost, a.MakerJudged,
            a.Count == 0 ? 0 : a.SumMove / n, Percentile(_moveHist, a.Count, 0.5) - MoveRangeBps, Percentile(_moveHist, a.Count, 0.9) - MoveRangeBps,
            a.Count == 0 ? 0 : a.MaxMoveBps,
            a.Count == 0 ? 0 : a.SumCost / n, Percentile(_costHist, a.Count, 0.5), a.SumFees / n, a.SumSpread / n, a.SumSlippage / n, a.SumAdverse / n,
            bySymbol) { HalfSpreadMeanBps = a.SumHalfSpread / n };
    }

    private static void Fold(ref Sums s, double move, double cost, double fees, double spread, double slip, double adverse, bool cleared,
        bool coversCost, bool maker, double halfSpread)
    {
        s.SumHalfSpread += double.IsFinite(halfSpread) ? halfSpread : 0;
        s.Count++;
        if (cleared) s.Cleared++;
        if (coversCost) s.CoversCost++;
        if (maker) s.MakerJudged++;
        s.SumMove += move;
        if (move > s.MaxMoveBps) s.MaxMoveBps = move;
        s.SumCost += cost;
        s.SumFees += fees;
        s.SumSpread += spread;
        s.SumSlippage += slip;
        s.SumAdverse += adverse;
    }

    private static int Bucket(double valueFromZero, int length)
    {
        double b = Math.Round(valueFromZero / BucketBps);
        return b <= 0 ? 0 : b >= length - 1 ? length - 1 : (int)b;
    }

    // The bucket value (bps from the histogram's zero) at which the cumulative count reaches q of n.
    private static double Percentile(long[] hist, long n, double q)
    {
        if (n == 0) return 0;
        long need = (long)Math.Ceiling(q * n), seen = 0;
        for (int i = 0; i < hist.Length; i++)
        {
            seen += hist[i];
            if (seen >= need) return i * BucketBps;
        }
        return (hist.Length - 1) * BucketBps;
    }

    private struct Sums
    {
        public long Count, Cleared, CoversCost, MakerJudged;
        public double SumMove, MaxMoveBps, SumCost, SumFees, SumSpread, SumSlippage, SumAdverse, SumHalfSpread;
    }

    private struct PerSymbol
    {
        public Sums Sums;
    }
}

/// <summary>
/// The expected-value gate's view of a run (<see cref="EdgeStatistics"/>): gated entry decisions, how many cleared
/// the margin (<paramref name="Cleared"/>) and how many had a move above the judged route's cost
/// (<paramref name="CoversCost"/>, margin and fill probability aside), the expected move in the trade's direction
/// (mean, p50, p90, max, bps; percentiles to 0.01 bps) and the cost it was compared with (mean and p50; the mean of
/// each term: fees in and out, the spread a taker crosses in and out, slippage beyond the touch, a maker's adverse
/// selection).
/// </summary>
public sealed record EdgeFigures(long Decisions, long Cleared, long CoversCost, long MakerJudged,
    double MoveMeanBps, double MoveP50Bps, double MoveP90Bps, double MoveMaxBps,
    double CostMeanBps, double CostP50Bps, double FeesMeanBps, double SpreadMeanBps, double SlippageMeanBps, double AdverseSelectionMeanBps,
    IReadOnlyList<EdgeSymbolFigures> BySymbol)
{
    /// <summary>Mean half spread at the gated decisions, bps of the mid (a taker pays it in and out; a maker's adverse
    /// selection is (1 - P(fill)) x twice it).</summary>
    public double HalfSpreadMeanBps { get; init; }
}

/// <summary>One symbol's gated decisions: counts, mean and max expected move, mean cost (bps).</summary>
public sealed record EdgeSymbolFigures(string Symbol, long Decisions, long Cleared, long CoversCost, double MoveMeanBps, double MoveMaxBps,
    double CostMeanBps);
