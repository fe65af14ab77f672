namespace HftScalper.Reporting;

/// <summary>
/// What <see cref="FeatureDriftMonitor"/> found over a run (JSON <c>featureDrift</c>): the worst population stability
/// of the inputs and of the predictions against the model's reference, alarms, and the five features that drifted
/// most. <see cref="Reference"/> false = nothing was compared (the model has no reference, or no model served); the
/// <see cref="Note"/> says why.
/// </summary>
public sealed record FeatureDriftSummary
{
    /// <summary>True when the model carried reference distributions and the run was compared with them.</summary>
    public bool Reference { get; init; }

    /// <summary>Why nothing was compared, or where the reference came from.</summary>
    public string Note { get; init; } = "";

    /// <summary>Training rows behind the reference.</summary>
    public long ReferenceRows { get; init; }

    /// <summary>Rows in the sliding window.</summary>
    public int Window { get; init; }

    /// <summary>Exchange time between sampled rows, seconds.</summary>
    public double SampleIntervalSeconds { get; init; }

    /// <summary>Exchange time between evaluations, seconds.</summary>
    public double BlockSeconds { get; init; }

    /// <summary>PSI alarm level.</summary>
    public double Threshold { get; init; }

    /// <summary>Rows sampled over the run.</summary>
    public long SampledRows { get; init; }

    /// <summary>Evaluations (blocks that ended with a full window).</summary>
    public long Evaluations { get; init; }

    /// <summary>Highest PSI of any feature over the run.</summary>
    public double PsiMax { get; init; }

    /// <summary>The feature of <see cref="PsiMax"/> ("" when none).</summary>
    public string WorstFeature { get; init; } = "";

    /// <summary>Feature alarms.</summary>
    public long Alarms { get; init; }

    /// <summary>Exchange-time seconds from the run's first decision to the first alarm (feature or prediction); -1 = none.</summary>
    public double FirstAlarmSeconds { get; init; } = -1;

    /// <summary>Highest PSI of a prediction column over the run.</summary>
    public double PredictionPsiMax { get; init; }

    /// <summary>Prediction-column alarms (a shift of the model's output distribution).</summary>
    public long PredictionAlarms { get; init; }

    /// <summary>Mean of each prediction column over the sampled scored rows, by class name.</summary>
    public Dictionary<string, double> PredictionMeans { get; init; } = [];

    /// <summary>Mean of each prediction column on the training rows, by class name.</summary>
    public Dictionary<string, double> ReferencePredictionMeans { get; init; } = [];

    /// <summary>The five features with the highest PSI over the run.</summary>
    public List<FeatureDriftColumn> PerFeature { get; init; } = [];

    /// <summary>Every prediction column.</summary>
    public List<FeatureDriftColumn> Predictions { get; init; } = [];

    /// <summary>The first alarms, in order.</summary>
    public List<FeatureDriftEvent> Events { get; init; } = [];
}
