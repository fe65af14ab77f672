namespace HftScalper.Engine.Features;

/// <summary>What accompanies a feature row: when, which symbol, and the quote the row was computed on.</summary>
public struct DecisionInfo
{
    /// <summary>Symbol exchange clock at the decision (largest exchange time seen for the symbol), ns since the epoch.</summary>
    public long ExchangeTimeNs;

    /// <summary>Local receive time of the deciding event, ns since the epoch (0 when the source has none).</summary>
    public long LocalTimeNs;

    /// <summary>Symbol id in the registry.</summary>
    public int SymbolId;

    /// <summary>Best bid in price units (0 before the first quote).</summary>
    public long BidTicks;

    /// <summary>Best ask in price units (0 before the first quote).</summary>
    public long AskTicks;

    /// <summary>(bid + ask) / 2 in price units (0 before the first quote).</summary>
    public double MidTicks;

    /// <summary>Whether the symbol's depth book was synced at the decision (trade only when true).</summary>
    public bool BookSynced;

    /// <summary>The symbol's history broke since its previous decision (book resync or discard, feed status event):
    /// a sequence model restarts its state here.</summary>
    public bool SequenceBreak;
}
