namespace HftScalper.Features.Regime;

/// <summary>What <see cref="RegimeHistory.Fit"/> fitted, on which window.</summary>
/// <param name="Profile">The fitted profile (a part that could not be fitted keeps its default).</param>
/// <param name="Returns">1-second returns the GARCH fit used.</param>
/// <param name="Events">Activity events the seasonality fit used.</param>
/// <param name="FromNs">Start of the fitting window (first return or event), ns of exchange time.</param>
/// <param name="ToNs">End of the fitting window (exclusive cut), ns of exchange time.</param>
/// <param name="GarchNote">How GARCH was obtained (fitted, or why the default was kept).</param>
/// <param name="SeasonalityNote">How the baseline was obtained.</param>
public sealed record RegimeFit(FeatureProfile Profile, int Returns, long Events, long FromNs, long ToNs, string GarchNote, string SeasonalityNote);
