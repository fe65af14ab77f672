namespace HftScalper.Features.Bars;

/// <summary>One OHLCV bar in exchange time. Prices in ticks (exact in a double), volume in lots.</summary>
internal struct TimeBar
{
    /// <summary>Bar start, ns since the epoch (aligned to a multiple of the period).</summary>
    public long StartNs;

    /// <summary>First price of the bar.</summary>
    public double Open;

    /// <summary>Highest price.</summary>
    public double High;

    /// <summary>Lowest price.</summary>
    public double Low;

    /// <summary>Last price.</summary>
    public double Close;

    /// <summary>Traded volume in lots.</summary>
    public double Volume;

    /// <summary>Sum of price * volume over trades (VWAP numerator).</summary>
    public double Turnover;

    /// <summary>Number of updates folded into the bar.</summary>
    public int Updates;
}
