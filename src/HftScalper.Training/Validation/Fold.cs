namespace HftScalper.Training.Validation;

/// <summary>One split: training and test sample indices (both time-ordered), and the test block's time span.</summary>
/// <param name="Index">Fold number from 0.</param>
/// <param name="Train">Training sample indices.</param>
/// <param name="Test">Test sample indices.</param>
/// <param name="TestFromNs">First test sample time.</param>
/// <param name="TestToNs">Last test sample time.</param>
/// <param name="Purged">Training candidates dropped by the purge.</param>
/// <param name="Embargoed">Training candidates dropped by the embargo.</param>
public sealed record Fold(int Index, int[] Train, int[] Test, long TestFromNs, long TestToNs, int Purged, int Embargoed);
