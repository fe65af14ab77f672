using System.Globalization;

namespace HftScalper.Features.Regime;

/// <summary>
/// Collects, per symbol, the regime inputs a <see cref="Engine.FeatureEngine"/> reports (set it as the engine's
/// <see cref="Engine.FeatureEngine.RegimeObserver"/> during a replay), then fits GARCH(1,1) by maximum likelihood
/// (<see cref="GarchFitter"/>) and the hourly activity baseline (<see cref="SeasonalityProfile"/>) on a window that
/// ends at a cut time: training fits only on data before its first test block. Memory: one return per second and
/// one small record per second with events, not per event. Single-threaded (the engine's thread).
/// </summary>
public sealed class RegimeHistory : IRegimeObserver
{
    private const long SecondNs = 1_000_000_000;

    /// <summary>Largest alpha + beta accepted from a fit (above it the long-run variance is not defined in practice).</summary>
    public const double MaxPersistence = 0.999;
    private readonly Dictionary<int, Series> _symbols = [];

    /// <inheritdoc />
    public void OnSecondReturn(int symbolId, long endNs, double returnBps) => Get(symbolId).AddReturn(endNs, returnBps);

    /// <inheritdoc />
    public void OnActivityEvent(int symbolId, long timeNs) => Get(symbolId).AddEvent(timeNs);

    /// <summary>1-second returns seen for <paramref name="symbolId"/>.</summary>
    public int ReturnCount(int symbolId) => _symbols.TryGetValue(symbolId, out var s) ? s.Returns.Count : 0;

    /// <summary>The returns of <paramref name="symbolId"/> whose second ends at or before <paramref name="untilNs"/>, in order.</summary>
    public double[] ReturnsUntil(int symbolId, long untilNs = long.MaxValue)
    {
        if (!_symbols.TryGetValue(symbolId, out var s)) return [];
        int n = 0;
        while (n < s.Ends.Count && s.Ends[n] <= untilNs) n++;
        return [.. s.Returns.GetRange(0, n)];
    }

    /// <summary>
    /// Fits the profile of <paramref name="symbolId"/> on its data before <paramref name="untilNs"/>: returns of
    /// seconds ending at or before it and events of whole seconds before it. GARCH keeps its default with fewer than
    /// 50 returns or no movement; the baseline keeps its default without two events a second apart.
    /// </summary>
    public RegimeFit Fit(int symbolId, long untilNs = long.MaxValue)
    {
        var returns = ReturnsUntil(symbolId, untilNs);
        GarchParameters? garch = null;
        string garchNote;
        try
        {
            var g = GarchFitter.Fit(returns);
            double sampleVar = returns.Average(x => x * x);
            // A near-integrated fit (short, zero-heavy histories end there) has no usable long-run variance, and
            // garch_vol_ratio is measured against it: keep the documented default instead.
            if (g.Alpha + g.Beta > MaxPersistence || !(g.LongRunVariance < 100 * sampleVar && g.LongRunVariance > sampleVar / 100))
                garchNote = string.Create(CultureInfo.InvariantCulture,
                    $"default kept: the fit is degenerate (alpha {g.Alpha:G4} + beta {g.Beta:G4}, long-run variance {g.LongRunVariance:G4} vs sample {sampleVar:G4}) on {returns.Length} one-second returns ({Shape(returns)})");
            else
            {
                garch = g;
                garchNote = string.Create(CultureInfo.InvariantCulture, $"maximum likelihood on {returns.Length} one-second returns ({Shape(returns)})");
            }
        }
        catch (ArgumentException e)
        {
            garchNote = $"default kept: {e.Message} ({returns.Length} one-second returns)";
        }

        var acc = new SeasonalityAccumulator();
        long cutSecond = untilNs == long.MaxValue ? long.MaxValue : Math.DivRem(untilNs, SecondNs, out _);
        if (_symbols.TryGetValue(symbolId, out var s))
            foreach (var run in s.Runs)
            {
                if (run.Second >= cutSecond) break;
                acc.AddRun(run.FirstNs, run.LastNs, run.Count);
            }
        double[]? hourly = acc.CanFit ? acc.Fit() : null;
        string seasonalityNote = hourly is null
            ? $"default kept: {acc.Count} events do not span a second"
            : string.Create(CultureInfo.InvariantCulture, $"events per second per UTC hour from {acc.Count} events over {(acc.ToNs - acc.FromNs) / 1e9:0} s");
        long from = Math.Min(acc.Count > 0 ? acc.FromNs : long.MaxValue, s is { Ends.Count: > 0 } ? s.Ends[0] - SecondNs : long.MaxValue);
        return new RegimeFit(new FeatureProfile(garch, hourly), returns.Length, acc.Count, from == long.MaxValue ? 0 : from, untilNs, garchNote, seasonalityNote);
    }

    // What the series looks like: the fit is only as good as the returns are GARCH-like.
    private static string Shape(double[] r)
    {
        double zeros = r.Count(x => x == 0) / (double)r.Length, m2 = r.Average(x => x * x), m4 = r.Average(x => x * x * x * x);
        return string.Create(CultureInfo.InvariantCulture, $"sd {Math.Sqrt(m2):G4} bps, {zeros:P0} zero, kurtosis {m4 / (m2 * m2):G4}, largest {r.Max(Math.Abs):G4} bps");
    }

    private Series Get(int symbolId)
    {
        if (!_symbols.TryGetValue(symbolId, out var s)) _symbols[symbolId] = s = new Series();
        return s;
    }

    private sealed class Series
    {
        public readonly List<double> Returns = [];
        public readonly List<long> Ends = [];
        public readonly List<Run> Runs = [];

        public void AddReturn(long endNs, double r)
        {
            Returns.Add(r);
            Ends.Add(endNs);
        }

        // The engine's clock never goes back, so events arrive in time order: one run per second holding events.
        public void AddEvent(long timeNs)
        {
            long sec = Math.DivRem(timeNs, SecondNs, out _);
            if (Runs.Count > 0 && Runs[^1].Second == sec)
            {
                var last = Runs[^1];
                Runs[^1] = last with { LastNs = Math.Max(last.LastNs, timeNs), Count = last.Count + 1 };
            }
            else Runs.Add(new Run(sec, timeNs, timeNs, 1));
        }
    }

    private readonly record struct Run(long Second, long FirstNs, long LastNs, long Count);
}
