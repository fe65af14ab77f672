namespace HftScalper.Features.Schema;

/// <summary>One column of the feature vector.</summary>
/// <param name="Name">Stable identifier, e.g. <c>imbalance_l5</c>.</param>
/// <param name="Unit">Unit or scale, e.g. <c>ratio</c>, <c>bps</c>, <c>ticks</c>, <c>s</c>.</param>
/// <param name="Description">What it measures (not part of the hash: rewording docs must not invalidate models).</param>
public sealed record FeatureDefinition(string Name, string Unit, string Description = "");
