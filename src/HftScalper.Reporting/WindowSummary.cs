namespace HftScalper.Reporting;

/// <summary>One sliding window's scores (<see cref="WindowedScores"/>): a symbol's or a regime's, at the primary horizon.</summary>
public sealed record WindowSummary
{
    /// <summary>What the window covers: a symbol name, or a regime (<c>ranging</c>, <c>trending</c>, <c>volatile</c>, <c>unknown</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Completed blocks in the window.</summary>
    public int Blocks { get; init; }

    /// <summary>Scored decisions in those blocks.</summary>
    public long Decisions { get; init; }

    /// <summary>Scored decisions over the whole run.</summary>
    public long Labelled { get; init; }

    /// <summary>Share of right arg-max predictions.</summary>
    public MeanInterval Accuracy { get; init; } = new(0, 0, 0);

    /// <summary>Mean log-loss of the realised class.</summary>
    public MeanInterval LogLoss { get; init; } = new(0, 0, 0);

    /// <summary>Mean top-class confidence minus accuracy (0 = calibrated, above 0 = over-confident).</summary>
    public MeanInterval CalibrationGap { get; init; } = new(0, 0, 0);
}
