namespace HftScalper.Trading.Signals;

/// <summary>
/// Who picks the direction of a decision while a model serves (config key <c>directionSource</c>). With no healthy
/// model the rule-based fallback picks it whatever this says (and no expected-value gate applies: there is no
/// expected move).
/// </summary>
public enum DirectionSource
{
    /// <summary>The model's probabilities pick the direction; its expected move gates the entries (the default).</summary>
    Model = 0,

    /// <summary>
    /// The rule-based fallback signal picks every direction and the model is a filter on its entries: the model's
    /// expected move in the fallback's direction goes through the expected-value gate (a move the model expects
    /// against the entry, or below the costs and the margin, refuses it, and the verdict names the term). Exits follow
    /// the fallback. What the model adds over the <c>fallback</c> baseline is exactly the entries it refuses.
    /// </summary>
    Fallback = 1,
}
