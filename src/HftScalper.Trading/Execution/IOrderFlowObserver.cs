namespace HftScalper.Trading.Execution;

/// <summary>
/// Sees the whole order flow of a <see cref="TradingDesk"/>: every request the desk (or anyone through
/// <see cref="TradingDesk.Gateway"/>) sends, just before the gateway gets it, and every execution report, after the
/// tracker and the ledger. The seam of the order journal (audit and replay); the same in paper, testnet and live.
/// </summary>
/// <remarks>Called on the desk's thread (the strategy stage). Implementations must not block, throw or allocate:
/// copy the values and hand them off (the journal queues them for its writer thread).</remarks>
public interface IOrderFlowObserver : IExecutionReportSink
{
    /// <summary>A new order is about to be submitted.</summary>
    void OnSubmit(in OrderRequest request);

    /// <summary>A cancel of <paramref name="clientOrderId"/> is about to be sent, at <paramref name="nowNs"/> (the run's clock).</summary>
    void OnCancel(ClientOrderId clientOrderId, int symbolId, long nowNs);

    /// <summary>A replace of <paramref name="original"/> by <paramref name="replacement"/> is about to be sent.</summary>
    void OnReplace(ClientOrderId original, in OrderRequest replacement);
}
