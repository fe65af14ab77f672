namespace HftScalper.Trading.Economics;

/// <summary>Which samples <see cref="MoveCalibrator"/> learns from, and in which frame.</summary>
public enum MoveConditioning
{
    /// <summary>Every tick of the sampling clock; score and move as signed (up positive): E[move | score].</summary>
    None,

    /// <summary>Only decisions where the strategy's signal has a direction (the candidates risk would be asked to
    /// enter), score and move taken in that direction, in two maps: the signal's onset (the decision its direction
    /// changed to this one; every onset is a sample) and the rest of it (clock ticks while it holds):
    /// E[move in the signal's direction | phase, score in it]. It learns what the strategy's own candidates realise,
    /// so a direction source with an edge of its own (the fallback gated by the model, <c>directionSource</c> Fallback)
    /// keeps it where it has it (its fresh signals), and the model's score ranks within each phase.</summary>
    Signal,
}
