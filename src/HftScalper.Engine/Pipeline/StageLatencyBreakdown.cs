using System.Diagnostics;
using HftScalper.Core.Time;
using HftScalper.Engine.Composition;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The latency diagnostic behind <see cref="PipelineOptions.LatencyBreakdown"/>: each stage's time per decision,
/// histogrammed against the decision's <see cref="LatencyCause"/>, so a tail can be traced to the work that made it
/// (a second closing, a bar, a large depth message, an order). Recorded by the strategy thread only; a histogram is
/// allocated the first time its cause is seen (a diagnostic run, not the zero-allocation default).
/// </summary>
internal sealed class StageLatencyBreakdown
{
    private static readonly string[] StageNames = ["features", "inference", "strategy"];
    private static readonly int[] Masks = [LatencyCause.FeaturesMask, LatencyCause.InferenceMask, LatencyCause.StrategyMask];
    private readonly double _ticksToNs = 1e9 / Stopwatch.Frequency;
    private readonly LatencyHistogram[] _total = [new(), new(), new()];
    private readonly LatencyHistogram?[][] _byCause = [new LatencyHistogram?[LatencyCause.Count], new LatencyHistogram?[LatencyCause.Count], new LatencyHistogram?[LatencyCause.Count]];
    private volatile bool _reset;

    /// <summary>Drops the samples so far at the next record (warm-up is over); any thread.</summary>
    public void RequestReset() => _reset = true;

    /// <summary>Records the stage times of decision <paramref name="r"/> finished at <paramref name="doneTicks"/>, with
    /// its cause completed by <paramref name="strategyBits"/> (<see cref="LatencyCause.OrderSent"/>, <see cref="LatencyCause.Fill"/>).</summary>
    public void Record(ref DecisionRecord r, long doneTicks, int strategyBits)
    {
        if (_reset)
        {
            _reset = false;
            for (int s = 0; s < 3; s++)
            {
                _total[s].Reset();
                foreach (var h in _byCause[s]) h?.Reset();
            }
        }
        if (r.IngressTicks == 0) return;
        int cause = r.Cause | strategyBits;
        Add(0, cause, r.FeaturesDoneTicks - r.IngressTicks);
        if (r.InferenceDoneTicks == 0) return;
        Add(1, cause, r.InferenceDoneTicks - r.FeaturesDoneTicks);
        Add(2, cause, doneTicks - r.InferenceDoneTicks);
    }

    private void Add(int stage, int cause, long ticks)
    {
        long ns = (long)(ticks * _ticksToNs);
        _total[stage].Record(ns);
        int key = cause & Masks[stage];
        (_byCause[stage][key] ??= new LatencyHistogram()).Record(ns);
    }

    /// <summary>Every (stage, cause) seen, most tail samples first within each stage.</summary>
    public IReadOnlyList<LatencyCauseFigures> Figures()
    {
        var list = new List<LatencyCauseFigures>();
        for (int s = 0; s < 3; s++)
        {
            long p99 = _total[s].PercentileNs(0.99);
            var stage = new List<LatencyCauseFigures>();
            for (int key = 0; key < LatencyCause.Count; key++)
            {
                if (_byCause[s][key] is not { Count: > 0 } h) continue;
                stage.Add(new LatencyCauseFigures(StageNames[s], LatencyCause.Describe(key), h.Count, h.PercentileNs(0.50), h.PercentileNs(0.99),
                    h.MaxNs, h.CountAbove(p99)));
            }
            stage.Sort((a, b) => b.AboveStageP99 != a.AboveStageP99 ? b.AboveStageP99.CompareTo(a.AboveStageP99) : b.Count.CompareTo(a.Count));
            list.AddRange(stage);
        }
        return list;
    }
}
