using HftScalper.Inference.Contracts;
using HftScalper.Training.Models;
using HftScalper.Training.Validation;

namespace HftScalper.Training.Pipeline;

/// <summary>What to train and how to validate it.</summary>
public sealed record TrainingOptions
{
    /// <summary>Horizon the exported models predict.</summary>
    public TimeSpan Horizon { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Move threshold of the direction classes.</summary>
    public MoveThreshold Threshold { get; init; } = new(0.1, true);

    /// <summary>Fold layout with purge and embargo.</summary>
    public WalkForwardOptions WalkForward { get; init; } = new();

    /// <summary>Wall-clock budget of the hyperparameter search (candidates start only while it lasts; the default
    /// parameters are always tried).</summary>
    public TimeSpan SearchBudget { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Most candidates the search tries.</summary>
    public int MaxCandidates { get; init; } = 12;

    /// <summary>Seed of the search, LightGBM and the regime split.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>A regime gets its own model only with at least this many training samples (else the global model serves it).</summary>
    public int MinRegimeSamples { get; init; } = 800;

    /// <summary>Share of each training window (its end) held out for early stopping.</summary>
    public double EarlyStoppingFraction { get; init; } = 0.2;

    /// <summary>Train the forward-return regressor too.</summary>
    public bool TrainReturnModel { get; init; } = true;

    /// <summary>
    /// Most boosting rounds per one-vs-rest model (early stopping may end sooner). It bounds the exported ensemble at
    /// 3 x this many trees per regime model, hence the model's share of tick-to-decision latency: 300 rounds of the
    /// bundled model measured ~17 us p50 inference per decision, 100 rounds fit the 10 us p50 budget.
    /// </summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Fixed parameters instead of a search (tests).</summary>
    public GbmParameters? FixedParameters { get; init; }
}
