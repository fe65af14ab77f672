namespace HftScalper.Inference.Calibration;

/// <summary>Settings of the per-symbol <see cref="BaselineGate"/>: how fast it forgets and how much evidence the
/// baseline needs before it serves instead of the model.</summary>
public sealed record BaselineGateOptions
{
    /// <summary>Half-life of the weighted hit counts and of the class table, in samples of the model's sampling clock.</summary>
    public double HalfLifeSamples { get; init; } = 240;

    /// <summary>The baseline serves once its weighted hits exceed the model's by more than this many samples.</summary>
    public double Lead { get; init; } = 2;

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        if (!(HalfLifeSamples >= 1) || double.IsInfinity(HalfLifeSamples)) throw new ArgumentOutOfRangeException(nameof(HalfLifeSamples), HalfLifeSamples, "must be >= 1 sample");
        if (!(Lead >= 0) || double.IsInfinity(Lead)) throw new ArgumentOutOfRangeException(nameof(Lead), Lead, "must be >= 0");
    }
}
