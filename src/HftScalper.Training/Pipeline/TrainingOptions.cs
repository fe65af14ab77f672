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

    /// <summary>
    /// Deepest split path per tree of every searched candidate (0, the default: no cap). With <see cref="MaxIterations"/>
    /// it bounds the exported model's inference cost: a compiled walk costs one node per level, and leaf-wise growth
    /// can spend the leaf budget on long chains (15 leaves grew 11 levels deep on the latent-value simulator).
    /// </summary>
    public int MaxDepth { get; init; }

    /// <summary>How the direction heads form P(down, flat, up): two-stage (P(move), P(up | move)) by default.</summary>
    public DirectionForm Form { get; init; } = DirectionForm.TwoStage;

    /// <summary>
    /// Two-stage only: the offset added to the move head's logit. Null (default): chosen on the pooled walk-forward
    /// predictions (<see cref="MoveOffsetChooser"/>); 0 = the calibrated head as trained.
    /// </summary>
    public double? MoveLogitOffset { get; init; }

    /// <summary>Serve the model with the per-symbol move-prior correction (written to its metadata as
    /// <c>hft.move_prior</c>); null (default): served as trained. Training itself does not change.</summary>
    public HftScalper.Inference.Calibration.MovePriorOptions? MovePrior { get; init; }

    /// <summary>
    /// Also score the stacked regime ensemble (<see cref="StackedEnsemble"/>: regime members, global model and rule
    /// signal combined by a meta-learner) and keep it when it beats the global model out of sample.
    /// </summary>
    public bool Stacking { get; init; }

    /// <summary>
    /// With <see cref="Stacking"/>: fit the final stacked ensemble (calibrated, no move offset) even when it is not
    /// kept, and return it with each fold's meta inputs (<see cref="TrainingResult.StackCandidate"/>,
    /// <see cref="TrainingResult.StackFolds"/>), so a sequence member can join the same meta-learner.
    /// </summary>
    public bool StackCandidate { get; init; }

    /// <summary>Fixed parameters instead of a search (tests).</summary>
    public GbmParameters? FixedParameters { get; init; }
}
