using HftScalper.Features.Regime;
using HftScalper.Simulator;
using HftScalper.Training.Data;

namespace HftScalper.Training.Pipeline;

/// <summary>What <c>hft train</c> does: which data, how it is sampled and labelled, where the models go.</summary>
public sealed record TrainingJobOptions
{
    /// <summary>Recordings; empty = the built-in simulator.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Simulator settings when no file is given (fixed seed: the default model is reproducible).</summary>
    public SimulatorOptions Simulator { get; init; } = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(60) };

    /// <summary>Sampling clock, ns of exchange time (0 = every decision).</summary>
    public long SampleIntervalNs { get; init; } = 1_000_000_000;

    /// <summary>Horizons labelled (the trained one must be among them; it is added when missing).</summary>
    public IReadOnlyList<TimeSpan> Horizons { get; init; } = [TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    /// <summary>Training and validation settings.</summary>
    public TrainingOptions Training { get; init; } = new();

    /// <summary>Symbols to follow: null = the first that decides in each input; comma-separated names; <c>all</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary>
    /// Market of recordings that do not state theirs (<c>--market</c>); null = each recording's own, else spot. A
    /// recording stating another market than this one is refused.
    /// </summary>
    public ReplayMarket? Market { get; init; }

    /// <summary>
    /// End of the data (<c>hft train --until</c>): exchange time in ns since the epoch; decisions at or after it are left
    /// out of samples and labels (<see cref="ReplayDataset.Build"/>), so a model can be trained on the first part of a
    /// recording and judged on the rest. 0 (default) = the whole input.
    /// </summary>
    public long UntilNs { get; init; }

    /// <summary>Output path of the direction model (the return model goes beside it).</summary>
    public string OutputPath { get; init; } = Path.Combine("models", "default.onnx");

    /// <summary>
    /// Regime parameters to build features with. Null (default): fit GARCH(1,1) and the hourly activity baseline on
    /// the training data before the first test block (<see cref="FeatureProfileFitter"/>). Give the profile of a
    /// running model (<c>hft train --features-from M</c>) to make the new model hot-swappable with it.
    /// </summary>
    public FeatureProfile? FeatureProfile { get; init; }

    /// <summary>The opt-in cross-symbol feature block (<c>hft train --cross-symbol LEADER</c>): the dataset's rows carry it
    /// and the model declares it in its metadata, so serving computes it. Null (default): the built-in columns only.</summary>
    public Features.CrossSymbol.CrossSymbolOptions? CrossSymbol { get; init; }

    /// <summary>The columns the model may split on (<c>hft train --features</c>): the others are held at 0 in training,
    /// and without <c>regime_label</c> no regime models are trained (their gate reads it). Made against the schema the
    /// rows will have; stacking, warm starts and sequence families refuse it. Null (default): every column.</summary>
    public FeatureSelection? Features { get; init; }

    /// <summary>Where a given <see cref="FeatureProfile"/> came from (written into the metadata).</summary>
    public string? FeatureProfileSource { get; init; }

    /// <summary>Model name in the metadata.</summary>
    public string ModelName { get; init; } = "default";

    /// <summary>Told as the job moves on (stage, step k of n), from the job's thread; null: nobody watches.</summary>
    public Action<TrainingStep>? Progress { get; init; }

    /// <summary>Stops the job at its next step (a replay decision, a candidate, a fold) with
    /// <see cref="OperationCanceledException"/>; nothing is written then.</summary>
    public CancellationToken Cancellation { get; init; }
}
