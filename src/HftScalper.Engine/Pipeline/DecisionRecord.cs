using System.Runtime.InteropServices;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// What the pipeline knows about one decision event as it moves through the stages: written by the book+features
/// stage, completed by the inference stage, read by the strategy stage. One slot per decision in the
/// <see cref="DecisionRing"/>; blittable, so the ring is one pinned array.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DecisionRecord
{
    /// <summary>Ring sequence of the market event that made the decision.</summary>
    public long Sequence;

    /// <summary>Exchange time of that event, ns since the Unix epoch (the backtest clock).</summary>
    public long ExchangeTimeNs;

    /// <summary>Local receive time of that event as recorded or as received live, ns.</summary>
    public long LocalTimeNs;

    /// <summary>Best bid in ticks when the decision was made (0 when the book is not synced).</summary>
    public long BidTicks;

    /// <summary>Best ask in ticks when the decision was made (0 when the book is not synced).</summary>
    public long AskTicks;

    /// <summary>Mid price in ticks (0 when the book is not synced).</summary>
    public double MidTicks;

    /// <summary><see cref="System.Diagnostics.Stopwatch"/> ticks when the event entered the pipeline (frame read).</summary>
    public long IngressTicks;

    /// <summary>Stopwatch ticks when the book+features stage finished this event.</summary>
    public long FeaturesDoneTicks;

    /// <summary>Stopwatch ticks when the inference stage finished the batch holding this decision.</summary>
    public long InferenceDoneTicks;

    /// <summary>Symbol id.</summary>
    public int SymbolId;

    /// <summary>Rows in the inference batch that held this decision (0 = no model ran).</summary>
    public int BatchSize;

    /// <summary>Outcome of the model call for this row.</summary>
    public DecisionModelStatus ModelStatus;

    /// <summary>True when the symbol's market state was known at the decision: its book Synced, or, for an L1 feed whose
    /// quote is the market state, a valid quote (<see cref="Features.DecisionInfo.BookSynced"/>).</summary>
    public bool BookSynced;

    /// <summary>What the features stage had to do for this decision (<see cref="LatencyCause"/>), for the latency breakdown.</summary>
    public ushort Cause;

    /// <summary>The book's top levels at the decision (counts 0 when not synced): risk's slippage walk and queue.</summary>
    public Trading.Economics.BookDepth Depth;
}
