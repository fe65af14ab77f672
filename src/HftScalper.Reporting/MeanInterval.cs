namespace HftScalper.Reporting;

/// <summary>A mean with its 95 % confidence interval (block t-interval; low = high = mean with fewer than two blocks).</summary>
/// <param name="Mean">The mean of the block means.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record MeanInterval(double Mean, double Low, double High);
