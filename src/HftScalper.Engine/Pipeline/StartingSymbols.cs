using HftScalper.Core.Symbols;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The symbols a run's trading starts with: the registry's count when the producer publishes its first event. The
/// feeder captures it just before that publication; the strategy stage reads it at its first event, which it sees
/// only after that publication (the ring's publish releases what was written before it), and builds its session over
/// exactly those symbols (<see cref="SymbolRegistry.Prefix"/>).
/// </summary>
/// <remarks>
/// Why not the registry's count when the strategy starts: inline, the strategy handles the first message before the
/// producer reads the second, so that count is the one at the first publication; threaded, the producer runs ahead and
/// may have registered the symbols of later messages by the time the strategy thread starts (a live feed meeting a new
/// name, a recording replayed without <c>hft replay</c>'s pre-scan). Those would then be traded threaded and untraded
/// inline, and a registration during the session's construction would size the desk, the ledger and the trackers for
/// different symbol sets. Captured here, the set is the same in every topology; a later symbol is a late symbol
/// (untraded, counted, scored: <see cref="TradingEligibility.LateReason"/>).
/// </remarks>
internal sealed class StartingSymbols(SymbolRegistry registry)
{
    private int _count = -1;

    /// <summary>The registry whose count is captured.</summary>
    public SymbolRegistry Registry => registry;

    /// <summary>Producer thread, before its first publication: captures the registry's count (later calls keep the first).</summary>
    public void Capture()
    {
        if (Volatile.Read(ref _count) < 0) Volatile.Write(ref _count, registry.Count);
    }

    /// <summary>The count captured at the first publication; the registry's count now when nothing was captured (a
    /// stage driven without a feeder, whose caller registers nothing while it runs).</summary>
    public int Count
    {
        get
        {
            int n = Volatile.Read(ref _count);
            return n >= 0 ? n : registry.Count;
        }
    }
}
