using HftScalper.Core.Events;

namespace HftScalper.Trading.Execution;

/// <summary>
/// A gateway that simulates the venue from the market data (the paper exchange): the <see cref="TradingDesk"/> hands
/// it every market event, in ring order, before any decision taken on that event, so fills happen on exchange time in
/// event order. A live gateway does not implement it (the venue has its own market).
/// </summary>
public interface ISimulatedGateway : IExecutionGateway
{
    /// <summary>One market event (every event, in order): the venue updates its own books, matches resting and
    /// arriving orders and delivers the reports that are due. No allocation in steady state.</summary>
    void OnMarketEvent(in MarketEvent e);

    /// <summary>The events of one depth message (levels of one symbol, the last flagged last-in-message), with the
    /// same effect as <see cref="OnMarketEvent"/> for each in turn; a venue that keeps books may apply the levels in
    /// one call. The default calls <see cref="OnMarketEvent"/> for each.</summary>
    void OnMarketEvents(ReadOnlySpan<MarketEvent> message)
    {
        foreach (ref readonly var e in message) OnMarketEvent(in e);
    }

    /// <summary>The decision on the events handed so far is taken: work the venue held back off the decision path (a
    /// simulated venue's own books, which a live venue keeps itself) is done now. A venue must never let it change
    /// what a later call sees. The default does nothing.</summary>
    void Settle()
    {
    }

    /// <summary>End of a backtest: delivers every report still travelling (orders keep their last state).</summary>
    void FlushReports();
}
