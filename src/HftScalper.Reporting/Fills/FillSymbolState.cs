namespace HftScalper.Reporting.Fills;

/// <summary>A fill waiting for its markouts in <see cref="FillSymbolState.Ring"/>.</summary>
internal struct PendingMarkout
{
    public long TimeNs, Lots;
    public double Mid, Price;
    public int Side, Kept;
}

/// <summary>
/// One symbol's state in a <see cref="FillRecorder"/>: its scales, recent mids, position and the fills waiting for
/// their markouts. Amounts: linear (spot, USD-M) = ticks x lots x Scale in the quote asset; inverse (COIN-M) = the coin
/// value of a lot, -Inverse / ticks (Inverse = size x 10^(pd - qd), coin x ticks per lot): a linear contract in 1/price
/// with the quantity negated, so every term of the attribution (and their sum) holds for it unchanged (SymbolAmounts,
/// in doubles).
/// </summary>
internal sealed class FillSymbolState(double scale, int horizons, double inverse = 0, double feeScale = 0)
{
    /// <summary>Mids of the last HistoryLength decisions per symbol: a fill's report arrives after its exchange time (the
    /// venue's response latency), so its mid is looked up at the exchange time, not taken at delivery.</summary>
    public const int HistoryLength = 512;

    public readonly double Scale = scale;
    public readonly double Inverse = inverse;
    public readonly double FeeScale = inverse > 0 ? feeScale : scale;

    /// <summary>Value of one lot at <paramref name="a"/> ticks minus at <paramref name="b"/>, account asset.</summary>
    public double Diff(double a, double b) => Inverse > 0 ? Inverse / b - Inverse / a : (a - b) * Scale;

    /// <summary>Value of one lot at <paramref name="ticks"/>, account asset (inverse: negative, -coin value).</summary>
    public double Value(double ticks) => Inverse > 0 ? -Inverse / ticks : ticks * Scale;

    public readonly long[] HistTime = new long[HistoryLength];
    public readonly double[] HistMid = new double[HistoryLength];
    public long HistCount;
    public double LastMid = double.NaN;
    public long LastBid, LastAsk, Position;
    public PendingMarkout[] Ring = [];
    public long Head;
    public readonly long[] Cursor = new long[horizons];
}
