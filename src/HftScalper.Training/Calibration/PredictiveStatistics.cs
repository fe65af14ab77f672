using HftScalper.Features.Schema;
using HftScalper.Training.Data;

namespace HftScalper.Training.Calibration;

/// <summary>
/// Measures what predicts what, the same way on any recording and on the simulator: on the dataset's sampled feature
/// rows (the columns the model sees), the Spearman rank correlation of L1 imbalance, multi-level order-flow imbalance,
/// trade-flow imbalance and microprice deviation with the mid change over the next 0.5/1/2/5/10 s; the correlation of
/// consecutive k-second mid returns (negative = mean reversion, positive = momentum); the share of samples whose mid
/// does not move in 2 s (it sets the majority baseline); and what the mid does after a sweep (a trade that took the
/// full touch: the mid moved the aggressor's way right after a trade). Forward mids are read from each segment's own
/// decision path (the mid as of exactly t + h), so symbols never mix. Off the hot path.
/// </summary>
public static class PredictiveStatistics
{
    /// <summary>Horizons of the realised mid volatility, seconds.</summary>
    public static readonly double[] VolatilityHorizons = [2, 10, 30];

    /// <summary>Horizons of the signal correlations, seconds.</summary>
    public static readonly double[] Horizons = [0.5, 1, 2, 5, 10];

    /// <summary>Lags of the return autocorrelation, seconds.</summary>
    public static readonly double[] Lags = [1, 2, 5, 10];

    /// <summary>The signals measured: a name and the feature column it reads.</summary>
    public static readonly (string Name, string Column)[] Signals =
    [
        ("L1 imbalance", "imbalance_1"),
        ("OFI 10 levels (fast)", "ofi_norm_fast"),
        ("trade-flow imbalance (fast)", "trade_imbalance_fast"),
        ("microprice - mid", "microprice_minus_mid_bps"),
    ];

    private const long NsPerSecond = 1_000_000_000;

    /// <summary>Measures every segment of <paramref name="data"/> pooled (each sample against its own segment's path).</summary>
    public static PredictiveReport Measure(ReplayDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Measure(data.Segments, data.Schema, data.Symbol);
    }

    /// <summary>Measures the given segments pooled.</summary>
    public static PredictiveReport Measure(IReadOnlyList<DatasetSegment> segments, FeatureSchema schema, string name)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(schema);
        int[] cols = [.. Signals.Select(s => schema.IndexOf(s.Column))];
        int tickDir = schema.IndexOf("tick_direction"), sinceTrade = schema.IndexOf("time_since_trade_s"), signRun = schema.IndexOf("trade_sign_run");
        var sig = Signals.Select(_ => Horizons.Select(_ => (new List<double>(), new List<double>())).ToArray()).ToArray();
        var ac = Lags.Select(_ => (new List<double>(), new List<double>())).ToArray();
        var sweep = Horizons.Select(_ => new List<double>()).ToArray();
        var volSum = new double[VolatilityHorizons.Length];
        var volAbs = new double[VolatilityHorizons.Length];
        var volN = new long[VolatilityHorizons.Length];
        long samples = 0, flat2 = 0, with2 = 0, sweeps = 0;
        foreach (var seg in segments)
        {
            var rows = seg.Builder.Samples;
            var path = seg.Builder.Decisions;
            if (path.Count < 2) continue;
            long end = path.TimesNs[^1], start = path.TimesNs[0];
            double prevMid = double.NaN;
            for (int i = 0; i < rows.Rows; i++)
            {
                long t = rows.TimesNs[i];
                double mid = rows.MidTicks[i];
                samples++;
                var row = rows.Row(i);
                for (int h = 0; h < Horizons.Length; h++)
                {
                    long th = t + (long)(Horizons[h] * NsPerSecond);
                    if (th > end) continue;
                    double move = Bps(MidAt(path, th), mid);
                    if (Horizons[h] == 2)
                    {
                        with2++;
                        if (move == 0) flat2++;
                    }
                    for (int s = 0; s < cols.Length; s++)
                    {
                        if (cols[s] < 0) continue;
                        sig[s][h].Item1.Add(row[cols[s]]);
                        sig[s][h].Item2.Add(move);
                    }
                }
                for (int v = 0; v < VolatilityHorizons.Length; v++)
                {
                    long tv = t + (long)(VolatilityHorizons[v] * NsPerSecond);
                    if (tv > end) continue;
                    double r = Bps(MidAt(path, tv), mid);
                    volSum[v] += r * r;
                    volAbs[v] += Math.Abs(r);
                    volN[v]++;
                }
                for (int k = 0; k < Lags.Length; k++)
                {
                    long lag = (long)(Lags[k] * NsPerSecond);
                    if (t - lag < start || t + lag > end) continue;
                    ac[k].Item1.Add(Bps(mid, MidAt(path, t - lag)));
                    ac[k].Item2.Add(Bps(MidAt(path, t + lag), mid));
                }
                // A sweep: a trade within the last sample interval and the mid moved since the previous sample the
                // way that trade's aggressor pushed it (the touch it hit is gone).
                if (tickDir >= 0 && sinceTrade >= 0 && signRun >= 0 && !double.IsNaN(prevMid) && mid != prevMid
                    && row[sinceTrade] * NsPerSecond <= Math.Max(seg.Builder.SampleIntervalNs, NsPerSecond / 4)
                    && Math.Sign(row[signRun]) == Math.Sign(mid - prevMid))
                {
                    sweeps++;
                    double dir = Math.Sign(mid - prevMid);
                    for (int h = 0; h < Horizons.Length; h++)
                    {
                        long th = t + (long)(Horizons[h] * NsPerSecond);
                        if (th <= end) sweep[h].Add(dir * Bps(MidAt(path, th), mid));
                    }
                }
                prevMid = mid;
            }
        }
        return new PredictiveReport
        {
            Name = name,
            Samples = samples,
            FlatShare2s = with2 == 0 ? double.NaN : flat2 / (double)with2,
            SignalCorrelations = [.. sig.Select(s => s.Select(p => Spearman(p.Item1, p.Item2)).ToArray())],
            ReturnAutocorrelations = [.. ac.Select(p => Pearson(p.Item1, p.Item2))],
            Sweeps = sweeps,
            SweepContinuation = [.. sweep.Select(ContinuationShare)],
            SweepMeanMoveBps = [.. sweep.Select(l => l.Count == 0 ? double.NaN : l.Average())],
            RealisedVolatilityBps = [.. volSum.Select((q, v) => volN[v] == 0 ? double.NaN : Math.Sqrt(q / volN[v]))],
            MeanAbsoluteMoveBps = [.. volAbs.Select((a, v) => volN[v] == 0 ? double.NaN : a / volN[v])],
        };
    }

    /// <summary>Share of the moved outcomes that continue in the sweep's direction (NaN when none moved).</summary>
    private static double ContinuationShare(List<double> signedMoves)
    {
        int moved = 0, cont = 0;
        foreach (var m in signedMoves)
        {
            if (m == 0) continue;
            moved++;
            if (m > 0) cont++;
        }
        return moved == 0 ? double.NaN : cont / (double)moved;
    }

    private static double Bps(double to, double from) => (to - from) / from * 1e4;

    /// <summary>The mid as of <paramref name="t"/>: the last decision at or before it.</summary>
    internal static double MidAt(DecisionSeries path, long t)
    {
        var times = path.TimesNs;
        int lo = 0, hi = times.Length - 1;
        if (t < times[0]) return path.MidTicks[0];
        while (lo < hi)
        {
            int m = (lo + hi + 1) >> 1;
            if (times[m] <= t) lo = m;
            else hi = m - 1;
        }
        return path.MidTicks[lo];
    }

    /// <summary>Spearman rank correlation (ties share their mean rank); NaN with fewer than 10 pairs or no spread.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count < 10) return double.NaN;
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>Pearson correlation; NaN with fewer than 10 pairs or a constant side.</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        int n = Math.Min(x.Count, y.Count);
        if (n < 10) return double.NaN;
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++) { mx += x[i]; my += y[i]; }
        mx /= n; my /= n;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxy += dx * dy; sxx += dx * dx; syy += dy * dy;
        }
        return sxx <= 0 || syy <= 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static double[] Ranks(IReadOnlyList<double> v)
    {
        int n = v.Count;
        var order = Enumerable.Range(0, n).OrderBy(i => v[i]).ToArray();
        var r = new double[n];
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && v[order[j + 1]] == v[order[i]]) j++;
            double rank = (i + j) / 2.0;
            for (int k = i; k <= j; k++) r[order[k]] = rank;
            i = j + 1;
        }
        return r;
    }
}
