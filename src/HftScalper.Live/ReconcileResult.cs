namespace HftScalper.Live;

/// <summary>One comparison of the venue's account with the order tracker and the ledger.</summary>
/// <param name="UnknownOrders">Open at the venue but not open in the tracker (another process's, a previous run's,
/// or ours already closed here): cancelled or adopted by policy.</param>
/// <param name="Differences">One readable line per disagreement (open orders, fills, base position, quote balance).</param>
/// <param name="BaselineTaken">True when this comparison set the start balances (the first one with no difference).</param>
public sealed record ReconcileResult(IReadOnlyList<VenueOpenOrder> UnknownOrders, IReadOnlyList<string> Differences, bool BaselineTaken)
{
    /// <summary>True when nothing differs and no unknown order is open.</summary>
    public bool Agrees => UnknownOrders.Count == 0 && Differences.Count == 0;
}
