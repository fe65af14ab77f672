using HftScalper.Core.Settings;

namespace HftScalper.Trading.Economics;

/// <summary>
/// Settings of the online, per-symbol calibration of the expected move the EV gate uses (<see cref="MoveCalibrator"/>):
/// which model output is calibrated, how it is binned, how fast the map forgets and how hard it is shrunk toward 0.
/// </summary>
public sealed record MoveCalibrationOptions
{
    /// <summary>The model output mapped to a realised move. Default <see cref="MoveScore.DirectionScore"/>.</summary>
    public MoveScore Score { get; init; } = MoveScore.DirectionScore;

    /// <summary>Which samples are learned from: every clock tick (<see cref="MoveConditioning.None"/>) or the ticks with a
    /// directional signal, in its direction (<see cref="MoveConditioning.Signal"/>, default).</summary>
    public MoveConditioning Conditioning { get; init; } = MoveConditioning.Signal;

    /// <summary>Bins over the standardised score (z = (score - mean) / sd of the symbol's recent scores), equally wide
    /// over [-<see cref="ZRange"/>, +<see cref="ZRange"/>], the two end bins open. Default 8.</summary>
    public int Bins { get; init; } = 8;

    /// <summary>Half-width of the binned z range (scores beyond it fall in the end bins). Default 2.</summary>
    public double ZRange { get; init; } = 2;

    /// <summary>Half-life of the bins' weighted sums and of the score's mean and variance, in resolved samples of the
    /// sampling clock. Default 2,400 (10 minutes at 250 ms).</summary>
    public double HalfLifeSamples { get; init; } = 2400;

    /// <summary>Pseudo-samples of a zero move in every bin: a bin's mean is <c>sum / (weight + PriorSamples)</c>, so
    /// the calibrated move is ~0 until that many samples resolved in it. Default 200.</summary>
    public double PriorSamples { get; init; } = 200;

    /// <summary>The sampling clock, ns of exchange time: the first decision at or after each tick is queued and
    /// resolved one horizon later. Default 250 ms.</summary>
    public long SampleIntervalNs { get; init; } = 250_000_000;

    /// <summary>Throws a <see cref="SettingException"/> naming the key (<paramref name="keyPrefix"/> + camelCase) when a
    /// setting is out of range.</summary>
    public void Validate(string keyPrefix = "")
    {
        if (!Enum.IsDefined(Score)) throw new SettingException($"{keyPrefix}score = {Score} is not one of ExpectedMove, DirectionScore");
        if (!Enum.IsDefined(Conditioning)) throw new SettingException($"{keyPrefix}conditioning = {Conditioning} is not one of None, Signal");
        SettingRange.Check(keyPrefix + "bins", Bins, 1, 256);
        SettingRange.CheckPositive(keyPrefix + "zRange", ZRange, 100);
        SettingRange.Check(keyPrefix + "halfLifeSamples", HalfLifeSamples, 1, 1e9);
        SettingRange.Check(keyPrefix + "priorSamples", PriorSamples, 0, 1e9);
        SettingRange.Check(keyPrefix + "sampleIntervalNs", SampleIntervalNs, 1_000_000, 3_600_000_000_000);
    }
}
