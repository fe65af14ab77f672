namespace HftScalper.Training.Evaluation;

/// <summary>One reliability bin: samples whose top predicted probability fell in <c>[From, To)</c>.</summary>
/// <param name="From">Lower edge of the confidence bin.</param>
/// <param name="To">Upper edge.</param>
/// <param name="Samples">Samples in the bin.</param>
/// <param name="MeanConfidence">Mean top probability in the bin.</param>
/// <param name="Accuracy">Share of those samples whose top class was right (well calibrated: equals the confidence).</param>
public sealed record CalibrationBin(double From, double To, int Samples, double MeanConfidence, double Accuracy);
