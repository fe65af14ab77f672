using HftScalper.Inference.Contracts;
using HftScalper.Training.Data;

namespace HftScalper.Training.Labels;

/// <summary>Sampled feature rows with their labels at one or more horizons.</summary>
public sealed class LabeledDataset
{
    /// <summary>Labels <paramref name="samples"/> against <paramref name="path"/> at each horizon.</summary>
    public LabeledDataset(FeatureMatrix samples, DecisionSeries path, IReadOnlyList<TimeSpan> horizons, MoveThreshold threshold)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(horizons);
        if (horizons.Count == 0) throw new ArgumentException("at least one horizon", nameof(horizons));
        Samples = samples;
        Threshold = threshold;
        Horizons = [.. horizons.Select(h => ForwardLabeler.Label(samples, path, h.Ticks * 100, threshold))];
    }

    /// <summary>Wraps already-computed labels (tests, subsets).</summary>
    public LabeledDataset(FeatureMatrix samples, IReadOnlyList<HorizonLabels> horizons, MoveThreshold threshold)
    {
        Samples = samples;
        Horizons = horizons;
        Threshold = threshold;
    }

    /// <summary>The sampled rows.</summary>
    public FeatureMatrix Samples { get; }

    /// <summary>Labels per horizon, in the order given.</summary>
    public IReadOnlyList<HorizonLabels> Horizons { get; }

    /// <summary>The move threshold used.</summary>
    public MoveThreshold Threshold { get; }

    /// <summary>The labels at <paramref name="horizon"/>, or throws when it was not computed.</summary>
    public HorizonLabels At(TimeSpan horizon) =>
        Horizons.FirstOrDefault(h => h.HorizonNs == horizon.Ticks * 100)
        ?? throw new ArgumentException($"horizon {horizon.TotalSeconds} s was not labelled (have {string.Join(", ", Horizons.Select(h => h.HorizonNs / 1e9 + " s"))})");
}
