using System.Collections.Concurrent;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// Builds a gateway's <see cref="ExecutionReport"/>s from its <see cref="VenueOrder"/> records and queues them for the
/// strategy thread (<see cref="Deliver"/>). Every Emit adds only what the record does not hold yet: an ack once, a
/// fill's lots above the reported cumulative quantity, one terminal report. Callers hold the order's lock; queueing
/// is thread-safe (network threads emit, the strategy thread delivers).
/// </summary>
internal sealed class OrderReportEmitter(Func<long> clockNs)
{
    private readonly ConcurrentQueue<ExecutionReport> _reports = new();

    /// <summary>The run's clock in ns (report times).</summary>
    public Func<long> ClockNs => clockNs;

    /// <summary>Reports waiting for <see cref="Deliver"/>.</summary>
    public int Pending => _reports.Count;

    /// <summary>Hands every queued report to <paramref name="sink"/> (strategy thread); returns how many.</summary>
    public int Deliver(IExecutionReportSink sink)
    {
        int n = 0;
        while (_reports.TryDequeue(out var report))
        {
            sink.OnExecutionReport(in report);
            n++;
        }
        return n;
    }

    /// <summary>The venue has the order: an Ack unless one (or a fill) was reported or the order is done.</summary>
    public void EmitAck(VenueOrder o)
    {
        if (o.Acked || o.State == VenueOrderState.Done) return;
        o.Acked = true;
        Enqueue(o, ExecutionReportKind.Ack, ExecutionReason.None, clockNs());
    }

    /// <summary>A fill of <paramref name="lots"/> bringing the order to <paramref name="cumLots"/>: Fill (and done) at
    /// the order's quantity, PartialFill below it.</summary>
    public void EmitFill(VenueOrder o, long lots, long priceTicks, long fee, long cumLots, bool maker, long exchangeNs)
    {
        o.Acked = true; // a fill implies the venue took the order: a later ack adds nothing
        o.ReportedLots = cumLots;
        bool done = cumLots >= o.Request.QuantityLots;
        var r = Report(o, done ? ExecutionReportKind.Fill : ExecutionReportKind.PartialFill, ExecutionReason.None, exchangeNs);
        r.LastPriceTicks = priceTicks;
        r.LastQuantityLots = lots;
        r.Fee = fee;
        r.Liquidity = maker ? Liquidity.Maker : Liquidity.Taker;
        _reports.Enqueue(r);
        if (done) o.State = VenueOrderState.Done;
    }

    /// <summary>The order's remainder is gone (cancelled, expired, replaced, or filled short of its quantity): one
    /// Cancelled report, its reason from what was asked (replace, cancel) or else the order type.</summary>
    public void EmitCancelled(VenueOrder o, long exchangeNs)
    {
        if (o.State == VenueOrderState.Done) return;
        var reason = o.ReplacePending ? ExecutionReason.Replaced
            : o.CancelRequested ? ExecutionReason.CancelRequested
            : o.Request.Type == OrderType.Ioc ? ExecutionReason.IocRemainder
            : o.Request.Type == OrderType.Market ? ExecutionReason.MarketRemainder
            : ExecutionReason.CancelRequested;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Cancelled, reason, exchangeNs);
    }

    /// <summary>The order is refused (or never reached the venue): one terminal Rejected report.</summary>
    public void EmitReject(VenueOrder o, ExecutionReason reason)
    {
        if (o.State == VenueOrderState.Done) return;
        o.State = VenueOrderState.Done;
        Enqueue(o, ExecutionReportKind.Rejected, reason, clockNs());
    }

    /// <summary>A refused cancel or replace: a Rejected report for the order, which lives on.</summary>
    public void EmitRequestReject(VenueOrder o, ExecutionReason reason) =>
        _reports.Enqueue(Report(o, ExecutionReportKind.Rejected, reason, clockNs()));

    /// <summary>A request refused before it had a record (filters, full queue, unknown order): a Rejected report.</summary>
    public void EmitRefusal(in OrderRequest r, ExecutionReason reason)
    {
        long now = clockNs();
        _reports.Enqueue(new ExecutionReport
        {
            Kind = ExecutionReportKind.Rejected,
            Reason = reason,
            Side = r.Side,
            OrderType = r.Type,
            SymbolId = r.SymbolId,
            ClientOrderId = r.ClientOrderId,
            OrderPriceTicks = r.PriceTicks,
            LeavesQuantityLots = 0,
            ExchangeTimeNs = now,
            ReceiveTimeNs = now,
        });
    }

    private void Enqueue(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs) =>
        _reports.Enqueue(Report(o, kind, reason, exchangeNs));

    private ExecutionReport Report(VenueOrder o, ExecutionReportKind kind, ExecutionReason reason, long exchangeNs)
    {
        var r = o.Request;
        bool terminal = kind is ExecutionReportKind.Fill or ExecutionReportKind.Cancelled
            || (kind == ExecutionReportKind.Rejected && o.State == VenueOrderState.Done);
        return new ExecutionReport
        {
            Kind = kind,
            Reason = reason,
            Side = r.Side,
            OrderType = r.Type,
            SymbolId = r.SymbolId,
            ClientOrderId = r.ClientOrderId,
            OrderPriceTicks = r.Type == OrderType.Market ? 0 : r.PriceTicks,
            CumulativeQuantityLots = o.ReportedLots,
            LeavesQuantityLots = terminal ? 0 : r.QuantityLots - o.ReportedLots,
            ExchangeTimeNs = exchangeNs,
            ReceiveTimeNs = clockNs(),
        };
    }
}
