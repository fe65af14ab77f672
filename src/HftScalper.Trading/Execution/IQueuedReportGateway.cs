namespace HftScalper.Trading.Execution;

/// <summary>
/// A gateway whose reports arrive on other threads (a live venue's network callbacks) and wait in a queue until the
/// trading thread drains them: the <see cref="TradingDesk"/> calls <see cref="DeliverReports"/> on every market event,
/// before any decision on it, so reports reach the tracker and the ledger on the trading thread only.
/// </summary>
public interface IQueuedReportGateway : IExecutionGateway
{
    /// <summary>Hands every queued report to the gateway's sink, in arrival order, on the calling (trading) thread;
    /// returns how many. No allocation and no blocking.</summary>
    int DeliverReports();
}
