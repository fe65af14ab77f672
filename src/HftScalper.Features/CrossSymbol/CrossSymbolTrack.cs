namespace HftScalper.Features.CrossSymbol;

/// <summary>What the cross-symbol block keeps for one symbol (allocated with the symbol's feature state).</summary>
internal sealed class CrossSymbolTrack(int gridCapacity, Engine.MicrostructureState micro)
{
    /// <summary>The symbol's mid as bid + ask in price units (twice the mid, an integer), 0 without a quote.</summary>
    public long Mid2 => micro.HasQuote ? micro.Bid + micro.Ask : 0;

    /// <summary>The symbol's mid closed on the shared grid.</summary>
    public readonly MidGrid Grid = new(gridCapacity);

    /// <summary>The symbol has a live quote source (a ticker, or a synced depth book when it has no ticker stream).</summary>
    public bool Live;

    /// <summary>A top-of-book stream was seen: L1 follows it, depth sync no longer decides liveness.</summary>
    public bool TickerSeen;

    /// <summary>The interval the cached correlations were computed for (they depend only on closed intervals).</summary>
    public long CorrelationAt = long.MinValue;

    /// <summary>Cached correlations (see <see cref="CrossSymbolColumns"/>).</summary>
    public double Correlation, LeadCorrelation;
}
