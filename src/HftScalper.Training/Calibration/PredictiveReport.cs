using System.Globalization;
using System.Text.Json.Nodes;

namespace HftScalper.Training.Calibration;

/// <summary>What <see cref="PredictiveStatistics"/> measured on one dataset (NaN where a figure had no sample).</summary>
public sealed record PredictiveReport
{
    /// <summary>What was measured (symbols or "simulator").</summary>
    public string Name { get; init; } = "";

    /// <summary>Sampled rows.</summary>
    public long Samples { get; init; }

    /// <summary>Share of samples whose mid is the same 2 s later.</summary>
    public double FlatShare2s { get; init; }

    /// <summary>[signal][horizon]: Spearman correlation of the signal with the forward mid change (order of
    /// <see cref="PredictiveStatistics.Signals"/> and <see cref="PredictiveStatistics.Horizons"/>).</summary>
    public IReadOnlyList<double[]> SignalCorrelations { get; init; } = [];

    /// <summary>[lag]: correlation of the k-second mid return before a sample with the one after it.</summary>
    public IReadOnlyList<double> ReturnAutocorrelations { get; init; } = [];

    /// <summary>Samples where a sweep had just happened.</summary>
    public long Sweeps { get; init; }

    /// <summary>[horizon]: of the sweeps after which the mid moved, the share that moved further in the sweep's direction.</summary>
    public IReadOnlyList<double> SweepContinuation { get; init; } = [];

    /// <summary>[horizon]: mean mid change after a sweep, bps, signed in the sweep's direction.</summary>
    public IReadOnlyList<double> SweepMeanMoveBps { get; init; } = [];

    /// <summary>[horizon]: root mean square of the mid change over each of
    /// <see cref="PredictiveStatistics.VolatilityHorizons"/> from every sample (overlapping windows), bps of the mid.</summary>
    public IReadOnlyList<double> RealisedVolatilityBps { get; init; } = [];

    /// <summary>[horizon]: mean absolute mid change over each of <see cref="PredictiveStatistics.VolatilityHorizons"/>, bps.</summary>
    public IReadOnlyList<double> MeanAbsoluteMoveBps { get; init; } = [];

    /// <summary>The table as text lines.</summary>
    public IEnumerable<string> Lines()
    {
        var c = CultureInfo.InvariantCulture;
        yield return string.Format(c, "{0}: {1} samples, flat share at 2 s {2:0.000}, sweeps {3}", Name, Samples, FlatShare2s, Sweeps);
        yield return string.Format(c, "  {0,-30}{1}", "Spearman vs mid change at", string.Concat(PredictiveStatistics.Horizons.Select(h => string.Format(c, "{0,8}", h + "s"))));
        for (int s = 0; s < PredictiveStatistics.Signals.Length && s < SignalCorrelations.Count; s++)
            yield return string.Format(c, "  {0,-30}{1}", PredictiveStatistics.Signals[s].Name, string.Concat(SignalCorrelations[s].Select(v => string.Format(c, "{0,8:0.000}", v))));
        yield return string.Format(c, "  {0,-30}{1}", "sweep continuation share", string.Concat(SweepContinuation.Select(v => string.Format(c, "{0,8:0.000}", v))));
        yield return string.Format(c, "  {0,-30}{1}", "sweep mean move (bps)", string.Concat(SweepMeanMoveBps.Select(v => string.Format(c, "{0,8:0.000}", v))));
        yield return string.Format(c, "  {0,-30}{1}", "return autocorr at lag", string.Concat(PredictiveStatistics.Lags.Select(l => string.Format(c, "{0,8}", l + "s"))));
        yield return string.Format(c, "  {0,-30}{1}", "", string.Concat(ReturnAutocorrelations.Select(v => string.Format(c, "{0,8:0.000}", v))));
        yield return string.Format(c, "  {0,-30}{1}", "mid volatility at", string.Concat(PredictiveStatistics.VolatilityHorizons.Select(l => string.Format(c, "{0,8}", l + "s"))));
        yield return string.Format(c, "  {0,-30}{1}", "  rms move (bps)", string.Concat(RealisedVolatilityBps.Select(v => string.Format(c, "{0,8:0.000}", v))));
        yield return string.Format(c, "  {0,-30}{1}", "  mean |move| (bps)", string.Concat(MeanAbsoluteMoveBps.Select(v => string.Format(c, "{0,8:0.000}", v))));
    }

    /// <summary>The report as JSON (NaN written as null).</summary>
    public JsonObject ToJson()
    {
        static JsonNode? N(double v) => double.IsFinite(v) ? Math.Round(v, 4) : null;
        var signals = new JsonObject();
        for (int s = 0; s < PredictiveStatistics.Signals.Length && s < SignalCorrelations.Count; s++)
            signals[PredictiveStatistics.Signals[s].Column] = new JsonArray([.. SignalCorrelations[s].Select(N)]);
        return new JsonObject
        {
            ["name"] = Name,
            ["samples"] = Samples,
            ["flatShare2s"] = N(FlatShare2s),
            ["horizonsSeconds"] = new JsonArray([.. PredictiveStatistics.Horizons.Select(h => (JsonNode)h)]),
            ["spearman"] = signals,
            ["lagsSeconds"] = new JsonArray([.. PredictiveStatistics.Lags.Select(h => (JsonNode)h)]),
            ["returnAutocorrelation"] = new JsonArray([.. ReturnAutocorrelations.Select(N)]),
            ["sweeps"] = Sweeps,
            ["sweepContinuation"] = new JsonArray([.. SweepContinuation.Select(N)]),
            ["sweepMeanMoveBps"] = new JsonArray([.. SweepMeanMoveBps.Select(N)]),
            ["volatilityHorizonsSeconds"] = new JsonArray([.. PredictiveStatistics.VolatilityHorizons.Select(h => (JsonNode)h)]),
            ["realisedVolatilityBps"] = new JsonArray([.. RealisedVolatilityBps.Select(N)]),
            ["meanAbsoluteMoveBps"] = new JsonArray([.. MeanAbsoluteMoveBps.Select(N)]),
        };
    }
}
