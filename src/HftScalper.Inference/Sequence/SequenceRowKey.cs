using System.Runtime.InteropServices;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// What a stateful sequence model needs to know about a decision row besides its features: whose row it is, when,
/// and whether the symbol's history broke before it. The decision path writes one key beside each feature row;
/// tabular models ignore keys.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
public struct SequenceRowKey
{
    /// <summary>Symbol id in the registry.</summary>
    public int SymbolId;

    /// <summary>Exchange time of the row, ns since the Unix epoch (the sampling clock and the gap rule read it).</summary>
    public long TimeNs;

    /// <summary>
    /// The symbol's history broke since its previous row (book resync, gap, crossed book, feed reconnect or
    /// disconnect): state carried from before must not be used.
    /// </summary>
    public bool Restart;

    /// <summary>The symbol's depth book was synced at the row. Training never sees unsynced rows, so a sequence
    /// model neither keeps them in its state nor trusts what it answers on them.</summary>
    public bool BookSynced;
}
