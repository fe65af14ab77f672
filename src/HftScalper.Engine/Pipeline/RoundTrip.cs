namespace HftScalper.Engine.Pipeline;

/// <summary>
/// One closed trade: a position opened and brought back to flat. Prices are integer ticks, quantity integer lots
/// (as the ledger keeps them); PnL and fees in quote currency (converted by the caller, who knows the tick and
/// lot sizes).
/// </summary>
public struct RoundTrip
{
    /// <summary>Symbol id.</summary>
    public int SymbolId;

    /// <summary>+1 long, -1 short.</summary>
    public int Direction;

    /// <summary>Exchange time of the entry fill in ns.</summary>
    public long EntryTimeNs;

    /// <summary>Exchange time of the exit fill in ns.</summary>
    public long ExitTimeNs;

    /// <summary>Average entry price in ticks.</summary>
    public long EntryPriceTicks;

    /// <summary>Average exit price in ticks.</summary>
    public long ExitPriceTicks;

    /// <summary>Quantity in lots.</summary>
    public long QuantityLots;

    /// <summary>PnL before fees in quote currency.</summary>
    public double GrossPnl;

    /// <summary>Fees paid on entry and exit in quote currency (positive = paid; maker rebates make it negative).</summary>
    public double Fees;

    /// <summary>PnL after fees.</summary>
    public readonly double NetPnl => GrossPnl - Fees;

    /// <summary>
    /// The price moved the way the trade bet: (exit - entry) * direction &gt; 0. A trade closed at its entry price
    /// was not right (for a scalper it only paid fees).
    /// </summary>
    public readonly bool DirectionCorrect => (ExitPriceTicks - EntryPriceTicks) * Direction > 0;
}
