namespace HftScalper.Reporting;

/// <summary>Sliding-window scores of the live model per symbol and per regime at the primary horizon (JSON <c>windows</c>).</summary>
public sealed record ScoreWindowsSummary
{
    /// <summary>The horizon scored, seconds.</summary>
    public double HorizonSeconds { get; init; }

    /// <summary>Decision time per block, seconds.</summary>
    public double BlockSeconds { get; init; }

    /// <summary>Blocks a window holds at most.</summary>
    public int WindowBlocks { get; init; }

    /// <summary>Per symbol that had a scored decision.</summary>
    public List<WindowSummary> BySymbol { get; init; } = [];

    /// <summary>Per regime of the decision row's <c>regime_label</c> (unknown = no such column) that had a scored decision.</summary>
    public List<WindowSummary> ByRegime { get; init; } = [];
}
