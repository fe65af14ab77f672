namespace HftScalper.Reporting;

/// <summary>Settings of <see cref="PredictionRecorder"/>.</summary>
public sealed record PredictionRecorderOptions
{
    /// <summary>Horizons in ns, strictly ascending. Default 5 s, 10 s, 30 s.</summary>
    public long[] HorizonsNs { get; init; } = [5_000_000_000, 10_000_000_000, 30_000_000_000];

    /// <summary>
    /// Mid moves strictly larger than this many ticks are Up or Down, others Flat (default 0.5: mids move in half
    /// ticks, so at least one whole tick). Use the threshold the model's training labels used, or the accuracy
    /// answers a different question.
    /// </summary>
    public double ThresholdTicks { get; init; } = 0.5;

    /// <summary>
    /// When above 0, the threshold is relative instead: moves strictly larger than this many basis points of the
    /// decision's mid are Up or Down (and <see cref="ThresholdTicks"/> is ignored) — for models labelled in bps.
    /// </summary>
    public double ThresholdBps { get; init; }

    /// <summary>Index into <see cref="HorizonsNs"/> of the horizon whose figures are the headline accuracy.</summary>
    public int PrimaryHorizon { get; init; }

    /// <summary>Decisions of one symbol that can wait for their longest horizon at once (default 2^16).</summary>
    public int PendingCapacity { get; init; } = 1 << 16;

    /// <summary>Highest symbol id + 1 that can be recorded (default 64).</summary>
    public int MaxSymbols { get; init; } = 64;

    /// <summary>Equal-width calibration bins of confidence over [0, 1] (default 10).</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>Blocks of decision time in each per-symbol and per-regime sliding window (default 60: with a 2 s horizon's
    /// 10 s blocks, the last 10 minutes).</summary>
    public int WindowBlocks { get; init; } = 60;
}
