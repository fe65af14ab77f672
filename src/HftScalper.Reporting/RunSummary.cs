namespace HftScalper.Reporting;

/// <summary>
/// The figures of one run. Its JSON (<see cref="RunSummaryJson"/>, camelCase) is a contract for scripts: keys
/// <c>events, eventsPerSecond, decisions, tickToDecisionNs{p50,p99,p999}, gen0Collections, allocatedBytesPerEvent,
/// accuracy, baselineAccuracy, trades, pnl, sharpe, maxDrawdown, winRate, falsePositiveRate, digest</c> always exist.
/// Undefined ratios (no trades, no labelled prediction, ...) are 0, never NaN; the counts tell them apart.
/// </summary>
public sealed record RunSummary
{
    /// <summary>Market events processed.</summary>
    public long Events { get; init; }

    /// <summary>Events per wall-clock second.</summary>
    public double EventsPerSecond { get; init; }

    /// <summary>Decision events.</summary>
    public long Decisions { get; init; }

    /// <summary>Wall-clock seconds of the measured run.</summary>
    public double ElapsedSeconds { get; init; }

    /// <summary>Exchange-time span of the equity points in seconds.</summary>
    public double ExchangeSeconds { get; init; }

    /// <summary>Tick-to-decision latency in ns.</summary>
    public LatencySummary TickToDecisionNs { get; init; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Per-stage latency in ns, by stage name, in pipeline order.</summary>
    public Dictionary<string, LatencySummary> StageLatencyNs { get; init; } = [];

    /// <summary>Gen0 collections.</summary>
    public int Gen0Collections { get; init; }

    /// <summary>Gen1 collections.</summary>
    public int Gen1Collections { get; init; }

    /// <summary>Gen2 collections.</summary>
    public int Gen2Collections { get; init; }

    /// <summary>Bytes allocated during the run.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Bytes allocated per event.</summary>
    public double AllocatedBytesPerEvent { get; init; }

    /// <summary>Accuracy at the primary horizon.</summary>
    public double Accuracy { get; init; }

    /// <summary>Majority-class baseline accuracy at the primary horizon.</summary>
    public double BaselineAccuracy { get; init; }

    /// <summary>The primary horizon in seconds.</summary>
    public double PrimaryHorizonSeconds { get; init; }

    /// <summary>Label threshold in ticks.</summary>
    public double ThresholdTicks { get; init; }

    /// <summary>Relative direction threshold in basis points of the mid (0 = the tick threshold applies).</summary>
    public double ThresholdBps { get; init; }

    /// <summary>Scores per horizon.</summary>
    public List<HorizonSummary> Horizons { get; init; } = [];

    /// <summary>Predictions dropped (waiting ring full) plus ignored (invalid input).</summary>
    public long PredictionsNotScored { get; init; }

    /// <summary>Closed round trips.</summary>
    public long Trades { get; init; }

    /// <summary>PnL after fees in quote currency: last minus first equity (the trades' net PnL when no equity was recorded).</summary>
    public double Pnl { get; init; }

    /// <summary>Fees paid on the trades.</summary>
    public double Fees { get; init; }

    /// <summary>Equity at the start.</summary>
    public double StartingEquity { get; init; }

    /// <summary>Equity at the end.</summary>
    public double FinalEquity { get; init; }

    /// <summary>Sharpe ratio: annualised from daily returns when the run spans at least
    /// <see cref="RunStatistics.MinDaysToAnnualise"/> days of data (<see cref="SharpeBasis"/> "daily"), else per round
    /// trip, not annualised ("perTrade"; see <see cref="SharpeNote"/>).</summary>
    public double Sharpe { get; init; }

    /// <summary>What <see cref="Sharpe"/> is: "daily" (annualised from daily returns) or "perTrade" (mean / sd of the
    /// round trips' net PnL, not annualised).</summary>
    public string SharpeBasis { get; init; } = "";

    /// <summary>True when <see cref="Sharpe"/> is annualised.</summary>
    public bool SharpeAnnualised { get; init; }

    /// <summary>Why the Sharpe ratio is what it is (e.g. the run is too short to annualise).</summary>
    public string SharpeNote { get; init; } = "";

    /// <summary>Interval of the returns the Sharpe ratio was computed on, in seconds (86400 for daily; 0 per trade).</summary>
    public double SharpeIntervalSeconds { get; init; }

    /// <summary>Days of exchange time the run spans.</summary>
    public double DataDays { get; init; }

    /// <summary>The run's PnL split into spread captured, adverse selection, inventory, close-out, fees and funding
    /// (they sum to <see cref="Pnl"/>), with the break-even fee rate.</summary>
    public Fills.PnlAttribution Attribution { get; init; } = new();

    /// <summary>Mean markout of the fills per horizon.</summary>
    public List<Fills.MarkoutSummary> Markouts { get; init; } = [];

    /// <summary>Why trading stopped when it did (a code: endOfData, noEdge, killSwitch, limit, ...; see <see cref="Reporting.StopReason"/>).</summary>
    public string StopReason { get; init; } = "";

    /// <summary>The verdict behind <see cref="StopReason"/> (camelCase, as in riskVerdicts; empty for endOfData).</summary>
    public string StopVerdict { get; init; } = "";

    /// <summary><see cref="StopReason"/> in words.</summary>
    public string StopReasonText { get; init; } = "";

    /// <summary>Max drawdown as a fraction of the running peak (0.05 = 5 %).</summary>
    public double MaxDrawdown { get; init; }

    /// <summary>Max drawdown in quote currency.</summary>
    public double MaxDrawdownAbs { get; init; }

    /// <summary>Share of trades with net PnL &gt; 0.</summary>
    public double WinRate { get; init; }

    /// <summary>Share of trades whose direction was wrong.</summary>
    public double FalsePositiveRate { get; init; }

    /// <summary>Gross profit / gross loss of the trades.</summary>
    public double ProfitFactor { get; init; }

    /// <summary>Mean holding time of a trade in seconds of exchange time.</summary>
    public double MeanHoldingSeconds { get; init; }

    /// <summary>Digest of all decisions.</summary>
    public string Digest { get; init; } = "";

    /// <summary>Event source.</summary>
    public string Source { get; init; } = "";

    /// <summary>Model.</summary>
    public string Model { get; init; } = "";

    /// <summary>Input and prediction drift against the model's reference distributions (JSON <c>featureDrift</c>).</summary>
    public FeatureDriftSummary FeatureDrift { get; init; } = new() { Note = FeatureDriftReport.NoReference };

    /// <summary>Online accuracy, log-loss and calibration per symbol and per regime over sliding windows, with 95 %
    /// block t-intervals (JSON <c>windows</c>).</summary>
    public ScoreWindowsSummary Windows { get; init; } = new();
}
