namespace HftScalper.Trading.Economics;

/// <summary>What <see cref="MoveCalibrator"/> maps to a realised move: the model output it calibrates.</summary>
public enum MoveScore
{
    /// <summary>The model's own expected move in bps (the bps return regressor, else <c>sum_k P(k) x mean_k</c> from the
    /// class means): the value the EV gate used uncalibrated. A model with neither has no score (no EV gate).</summary>
    ExpectedMove,

    /// <summary>P(up) - P(down) of the served row: any direction model has it.</summary>
    DirectionScore,
}
