namespace HftScalper.Inference.Contracts;

/// <summary>What a model is loaded for; <see cref="ModelContract.Resolve"/> refuses a model that cannot play it.</summary>
public enum ModelRole
{
    /// <summary>
    /// No role: the session serves the metadata's first output as declared (serving mechanics, tools). Nothing that
    /// makes decisions loads a model this way.
    /// </summary>
    Outputs = 0,

    /// <summary>
    /// Direction classifier: probabilities of the classes down, flat and up (any column order, found by name),
    /// served as the canonical row of <see cref="DirectionContract"/>. What signals, the shadow scorer, replay and
    /// <c>hft evaluate</c> read.
    /// </summary>
    Direction = 1,

    /// <summary>Return regressor: one regression target (the expected forward mid change), served as one column.</summary>
    Return = 2,
}
