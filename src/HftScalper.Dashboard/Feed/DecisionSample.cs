namespace HftScalper.Dashboard.Feed;

/// <summary>The last decision as <see cref="DashboardTap"/> keeps it: top of book, equity, the model's class
/// probabilities (down, flat, up; NaN when no healthy model scored it) and risk's verdict.</summary>
public struct DecisionSample
{
    /// <summary>Symbol id.</summary>
    public int SymbolId;
    /// <summary>Exchange time in ns.</summary>
    public long ExchangeTimeNs;
    /// <summary>Best bid in ticks (0: none).</summary>
    public long BidTicks;
    /// <summary>Best ask in ticks (0: none).</summary>
    public long AskTicks;
    /// <summary>Mid in ticks (0: none).</summary>
    public double MidTicks;
    /// <summary>Equity in the quote currency after the decision.</summary>
    public double Equity;
    /// <summary>Risk verdict (<c>RiskVerdict</c> as an int).</summary>
    public int Verdict;
    /// <summary>True when a healthy model scored the decision.</summary>
    public bool ModelHealthy;
    /// <summary>Probability of a down move.</summary>
    public float PDown;
    /// <summary>Probability of no move.</summary>
    public float PFlat;
    /// <summary>Probability of an up move.</summary>
    public float PUp;
    /// <summary>Decisions the tap has seen.</summary>
    public long Decisions;
}
