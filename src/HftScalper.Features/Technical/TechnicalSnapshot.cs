namespace HftScalper.Features.Technical;

/// <summary>
/// The technical indicators of one timeframe after the latest closed bar. A value whose warm-up is not complete is
/// reported as its neutral value (RSI 50, others 0) with its validity flag false, so vectors never hold NaN.
/// </summary>
internal struct TechnicalSnapshot
{
    /// <summary>Wilder's RSI(14), 0..100.</summary>
    public double Rsi;

    /// <summary>MACD line: EMA(12) - EMA(26) of closes, in ticks.</summary>
    public double Macd;

    /// <summary>MACD signal: EMA(9) of the MACD line.</summary>
    public double MacdSignal;

    /// <summary>MACD histogram: line - signal.</summary>
    public double MacdHistogram;

    /// <summary>Wilder's ADX(14), 0..100 (trend strength).</summary>
    public double Adx;

    /// <summary>+DI(14), 0..100.</summary>
    public double PlusDi;

    /// <summary>-DI(14), 0..100.</summary>
    public double MinusDi;

    /// <summary>Relative change of the close over the last <see cref="BarIndicators.MomentumLookback"/> bars.</summary>
    public double Momentum;

    /// <summary>Closed bars seen.</summary>
    public int Bars;

    /// <summary>RSI warm-up complete (14 price changes).</summary>
    public bool RsiValid;

    /// <summary>MACD line and signal warm-up complete (34 bars).</summary>
    public bool MacdValid;

    /// <summary>ADX warm-up complete (27 price changes).</summary>
    public bool AdxValid;

    /// <summary>Momentum lookback filled.</summary>
    public bool MomentumValid;
}
