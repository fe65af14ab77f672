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

    /// <summary>Whether the symbol's market state was known at the decision (trade only when true): its depth book
    /// synced, or, when the source's quote is the market state (<see cref="BookFeatureProcessor.QuoteIsMarketState"/>:
    /// event formats without depth, e.g. Lean L1 ticks), its quote two-sided and uncrossed.</summary>
    public bool BookSynced;

    /// <summary>The symbol's history broke since its previous decision (book resync or discard, feed status event):
    /// a sequence model restarts its state here.</summary>
    public bool SequenceBreak;

    /// <summary>The quote is two-sided and uncrossed (<see cref="IsValidQuote"/>).</summary>
    public readonly bool QuoteValid => IsValidQuote(BidTicks, AskTicks);

    /// <summary>A quote the market state may be read from: bid above zero, ask above bid (the paper venue fills a
    /// quote-only source against such a quote and no other).</summary>
    public static bool IsValidQuote(long bidTicks, long askTicks) => bidTicks > 0 && askTicks > bidTicks;

    /// <summary>The one validity rule of a decision, shared by the engine and the datasets: the market state is known
    /// (<see cref="BookSynced"/>) and the quote valid (<see cref="QuoteValid"/>). A dataset keeps exactly these rows.</summary>
    public readonly bool Tradable => BookSynced && QuoteValid;
}
