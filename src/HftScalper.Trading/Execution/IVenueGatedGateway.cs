using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Execution;

/// <summary>
/// A live venue's gateway as the desk sees it: reports are queued (<see cref="IQueuedReportGateway"/>), new orders
/// may leave only while <see cref="AcceptsNewOrders"/> holds (the risk stage checks it first and refuses with
/// <see cref="Risk.RiskVerdict.VenueNotReady"/>), and the desk hands it its order tracker and ledger at construction so
/// reconciliation can compare them with the venue on the trading thread (during <see cref="IQueuedReportGateway.DeliverReports"/>).
/// The paper venue is not one: replay and paper trading never see this check.
/// </summary>
public interface IVenueGatedGateway : IQueuedReportGateway
{
    /// <summary>True while the venue can take a new order (streams up, clock in bounds, ledger reconciled). Read on the
    /// trading thread before every decision: a volatile read, no lock, no allocation.</summary>
    bool AcceptsNewOrders { get; }

    /// <summary>Called once by the desk, on the trading thread, with the tracker and the ledger the gateway may read
    /// (on the trading thread only).</summary>
    void Bind(OrderTracker orders, PositionLedger ledger);
}
