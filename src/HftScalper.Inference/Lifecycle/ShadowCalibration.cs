namespace HftScalper.Inference.Lifecycle;

/// <summary>How well each model's confidence matched its hit rate on the resolved shadow decisions (NaN before any).</summary>
/// <param name="LiveBrier">Live mean multi-class Brier score (0 best, 2 worst).</param>
/// <param name="CandidateBrier">Candidate mean multi-class Brier score.</param>
/// <param name="LiveExpectedCalibrationError">Live expected calibration error: count-weighted mean |confidence - accuracy| over ten bins.</param>
/// <param name="CandidateExpectedCalibrationError">Candidate expected calibration error.</param>
public sealed record ShadowCalibration(double LiveBrier, double CandidateBrier, double LiveExpectedCalibrationError, double CandidateExpectedCalibrationError);
