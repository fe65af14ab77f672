namespace HftScalper.Reporting;

/// <summary>Prediction scores at one horizon (see <see cref="HorizonStats"/> for the definitions).</summary>
public sealed record HorizonSummary
{
    /// <summary>The horizon in seconds.</summary>
    public double HorizonSeconds { get; init; }

    /// <summary>Predictions scored.</summary>
    public long Labelled { get; init; }

    /// <summary>Predictions whose horizon passed the end of the run (not scored).</summary>
    public long Unresolved { get; init; }

    /// <summary>Arg-max accuracy.</summary>
    public double Accuracy { get; init; }

    /// <summary>Accuracy of always predicting <see cref="MajorityClass"/>.</summary>
    public double BaselineAccuracy { get; init; }

    /// <summary>Most frequent realised class ("down", "flat", "up"; "none" when nothing was scored).</summary>
    public string MajorityClass { get; init; } = "";

    /// <summary>Realised class counts in down, flat, up order.</summary>
    public long[] RealisedCounts { get; init; } = [];

    /// <summary>Predicted class counts in down, flat, up order.</summary>
    public long[] PredictedCounts { get; init; } = [];

    /// <summary>Of Up/Down predictions, the share realised in that direction.</summary>
    public double DirectionalPrecision { get; init; }

    /// <summary>Mean multi-class Brier score.</summary>
    public double Brier { get; init; }

    /// <summary>Mean log loss.</summary>
    public double LogLoss { get; init; }

    /// <summary>Expected calibration error.</summary>
    public double ExpectedCalibrationError { get; init; }

    /// <summary>The loss-drift test of this horizon (Page-Hinkley on block means of the log-loss).</summary>
    public DriftSummary Drift { get; init; } = new();

    /// <summary>Reliability diagram: top-class confidence bins.</summary>
    public List<CalibrationBin> Calibration { get; init; } = [];
}
