using HftScalper.Inference.Contracts;
using HftScalper.Inference.Metadata;

namespace HftScalper.Inference.Calibration;

/// <summary>
/// What the engine needs to serve a direction model with the move-prior correction: the settings and the model's
/// own labelling (horizon, sampling clock, threshold), which the realised move share is measured by. The baseline gate
/// judges the model and the symbol's baseline at <see cref="GateHorizonNs"/>: the model's horizon when it serves its
/// own question (the engine), the asked horizon when it is judged at another (<see cref="JudgedAt"/>, <c>hft evaluate
/// --horizon</c>), because the baseline a model must not lose to (majority, persistence) is the one of that horizon.
/// </summary>
/// <param name="Options">The correction's settings.</param>
/// <param name="HorizonNs">The model's horizon.</param>
/// <param name="SampleIntervalNs">The model's sampling clock (250 ms when the model does not state one).</param>
/// <param name="Threshold">The model's labelling threshold (any move when it does not state one).</param>
public sealed record MovePriorServing(MovePriorOptions Options, long HorizonNs, long SampleIntervalNs, MoveThreshold Threshold)
{
    /// <summary>The horizon the baseline gate resolves samples at (the model's <see cref="HorizonNs"/> unless
    /// <see cref="JudgedAt"/> says otherwise). The correction itself always measures at the model's horizon.</summary>
    public long GateHorizonNs { get; init; } = HorizonNs;

    /// <summary>The labelling threshold the baseline gate classifies realised moves by (the model's <see cref="Threshold"/>
    /// unless <see cref="JudgedAt"/> says otherwise).</summary>
    public MoveThreshold GateThreshold { get; init; } = Threshold;

    /// <summary>These settings with the gate judging at <paramref name="horizon"/> (> 0) and <paramref name="threshold"/>:
    /// the question being answered.</summary>
    public MovePriorServing JudgedAt(TimeSpan horizon, MoveThreshold threshold)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(horizon, TimeSpan.Zero);
        return this with { GateHorizonNs = (long)horizon.TotalNanoseconds, GateThreshold = threshold };
    }

    /// <summary>Longest horizon the gate may be asked to judge at (one hour, as the quotes' horizon).</summary>
    public const long MaxGateHorizonNs = 3_600_000_000_000;

    /// <summary>The threshold a question asked of the model is labelled with: <paramref name="asked"/>, else the model's
    /// labelling, else 0.1 bps — <c>hft evaluate</c>'s rule, which the engine follows when told to judge its gate at
    /// another horizon, so both answer the same question.</summary>
    public static MoveThreshold AskedThreshold(ModelContract contract, MoveThreshold? asked)
    {
        ArgumentNullException.ThrowIfNull(contract);
        return asked ?? contract.Threshold ?? new MoveThreshold(0.1, true);
    }

    /// <summary>The serving settings of a model whose metadata asks for the correction; null when it does not.</summary>
    public static MovePriorServing? For(ModelMetadata metadata, ModelContract contract)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(contract);
        if (metadata.MovePrior is not { } o || contract.Horizon <= TimeSpan.Zero) return null;
        long interval = contract.SampleIntervalNs is > 0 and { } i ? i : 250_000_000;
        return new MovePriorServing(o, (long)contract.Horizon.TotalNanoseconds, interval, contract.Threshold ?? new MoveThreshold(0, false));
    }

    /// <summary>A tracker for one symbol.</summary>
    public MovePriorTracker NewTracker() => new(HorizonNs, SampleIntervalNs, Threshold, Options);

    /// <summary>A baseline gate for one symbol judging at <see cref="GateHorizonNs"/> and <see cref="GateThreshold"/>, or null when the settings ask for none.</summary>
    public BaselineGate? NewGate() => Options.Gate is { } g ? new BaselineGate(GateHorizonNs, SampleIntervalNs, GateThreshold, g) : null;
}
