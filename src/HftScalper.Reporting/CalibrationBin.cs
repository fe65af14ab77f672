namespace HftScalper.Reporting;

/// <summary>One bin of a reliability diagram: predictions whose top-class confidence was in [Lower, Upper).</summary>
/// <param name="Lower">Lower edge of confidence.</param>
/// <param name="Upper">Upper edge (the top bin includes 1).</param>
/// <param name="Count">Predictions in the bin.</param>
/// <param name="MeanConfidence">Their mean confidence.</param>
/// <param name="Accuracy">Realised frequency of their predicted class.</param>
public sealed record CalibrationBin(double Lower, double Upper, long Count, double MeanConfidence, double Accuracy);
