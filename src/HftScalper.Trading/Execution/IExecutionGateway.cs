namespace HftScalper.Trading.Execution;

/// <summary>
/// One interface for order entry, whatever executes it: the paper/backtest simulator (<see cref="PaperExchange"/>)
/// or a live venue. Requests are asynchronous: the outcome arrives later as <see cref="ExecutionReport"/>s on the
/// gateway's <see cref="IExecutionReportSink"/>. Calls never throw and never allocate in steady state.
/// </summary>
/// <remarks>
/// A live gateway that loses track of a request (timeout, disconnect) reports nothing until it has queried the
/// venue; the client side marks such orders <see cref="OrderStatus.Unknown"/> and resolves them with
/// <see cref="OrderTracker.Reconcile"/>.
/// </remarks>
public interface IExecutionGateway
{
    /// <summary>Sends a new order. False when the gateway refused it locally (capacity, duplicate id, invalid):
    /// a <see cref="ExecutionReportKind.Rejected"/> report is delivered for it in any case.</summary>
    bool Submit(in OrderRequest request);

    /// <summary>Asks to cancel an open order. The answer is a Cancelled report, or a Rejected one with
    /// <see cref="ExecutionReason.UnknownOrder"/> if the order was already done when the request arrived.</summary>
    bool Cancel(ClientOrderId clientOrderId, int symbolId, long nowNs);

    /// <summary>Atomically cancels <paramref name="original"/> and sends <paramref name="replacement"/> (with its own
    /// new client order id; Binance cancelReplace). The original gets a Cancelled report with
    /// <see cref="ExecutionReason.Replaced"/>; if it was already done, the replacement is rejected with
    /// <see cref="ExecutionReason.UnknownOrder"/>. The replacement loses the original's queue position.</summary>
    bool Replace(ClientOrderId original, in OrderRequest replacement);
}
