namespace HftScalper.Reporting;

/// <summary>Settings of <see cref="RunRecorder"/>.</summary>
public sealed record RunRecorderOptions
{
    /// <summary>Names of the per-stage latency recorders, in pipeline order (default features, inference, strategy).</summary>
    public string[] StageNames { get; init; } = ["features", "inference", "strategy"];

    /// <summary>Upper bound of every latency histogram in ns (default 10 s).</summary>
    public long HighestTrackableLatencyNs { get; init; } = LatencyRecorder.DefaultHighestTrackableNs;

    /// <summary>Exchange-time interval of the equity grid the Sharpe ratio is computed on (default 1 s).</summary>
    public long EquityGridIntervalNs { get; init; } = 1_000_000_000;

    /// <summary>Equity points kept for the plots (default 4096).</summary>
    public int EquityTraceCapacity { get; init; } = 4096;

    /// <summary>Trades kept for the report (totals cover all of them; default 100 000).</summary>
    public int TradeCapacity { get; init; } = 100_000;

    /// <summary>Prediction scoring settings (horizons, threshold, ...).</summary>
    public PredictionRecorderOptions Predictions { get; init; } = new();

    /// <summary>The serving model's reference distributions (<see cref="Inference.Metadata.ModelMetadata.Reference"/>);
    /// null = no drift monitor (reported as "no reference").</summary>
    public Inference.Metadata.ModelReference? Reference { get; init; }

    /// <summary>The model's feature names, in input order (needed with <see cref="Reference"/>).</summary>
    public IReadOnlyList<string>? FeatureNames { get; init; }

    /// <summary>Window, sampling and alarm settings of the feature-drift monitor.</summary>
    public FeatureDriftOptions FeatureDrift { get; init; } = new();

    /// <summary>Fill recording: markout horizons, the attribution horizon, fills kept for the trades file.</summary>
    public Fills.FillRecorderOptions Fills { get; init; } = new();

    /// <summary>Symbols (ids 0..n-1) whose mid is traced for the report's price chart (default 4).</summary>
    public int PriceTraceSymbols { get; init; } = 4;

    /// <summary>Mid points kept per traced symbol (default 2048; decimated like the equity trace).</summary>
    public int PriceTraceCapacity { get; init; } = 2048;
}
