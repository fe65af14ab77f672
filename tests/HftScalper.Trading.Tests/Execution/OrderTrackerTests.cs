using HftScalper.Trading.Execution;

namespace HftScalper.Trading.Tests.Execution;

public sealed class OrderTrackerTests
{
    private static ExecutionReport Report(ClientOrderId id, ExecutionReportKind kind, long lastQty = 0, OrderSide side = OrderSide.Buy) =>
        new() { ClientOrderId = id, Kind = kind, Side = side, LastQuantityLots = lastQty, LastPriceTicks = lastQty > 0 ? 100 : 0 };

    private static OrderRequest Buy(long qty) => new() { SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = 100, QuantityLots = qty };

    [Fact]
    public void Order_goes_from_pending_to_acked_to_partially_filled_to_filled_and_frees_its_slot()
    {
        var tracker = new OrderTracker(capacity: 2);
        var order = Buy(5);
        Assert.True(tracker.TryCreate(ref order));
        Assert.True(order.ClientOrderId.IsValid);
        Assert.Equal((1, 5L), (tracker.OpenCount, tracker.OpenBuyLots(0)));

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Ack));
        Assert.True(tracker.TryGet(order.ClientOrderId, out var o));
        Assert.Equal(OrderStatus.New, o.Status);

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.PartialFill, 2));
        tracker.TryGet(order.ClientOrderId, out o);
        Assert.Equal((OrderStatus.PartiallyFilled, 2L, 3L), (o.Status, o.FilledLots, tracker.OpenBuyLots(0)));

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Fill, 3));
        Assert.False(tracker.TryGet(order.ClientOrderId, out _));
        Assert.Equal((0, 0L), (tracker.OpenCount, tracker.OpenBuyLots(0)));
    }

    [Fact]
    public void Pool_refuses_orders_when_full_and_ids_stay_unique_across_reuse()
    {
        var tracker = new OrderTracker(capacity: 1);
        var a = Buy(1);
        var b = Buy(1);
        Assert.True(tracker.TryCreate(ref a));
        Assert.False(tracker.TryCreate(ref b));

        tracker.OnExecutionReport(Report(a.ClientOrderId, ExecutionReportKind.Rejected));
        Assert.True(tracker.TryCreate(ref b));
        Assert.NotEqual(a.ClientOrderId, b.ClientOrderId);

        tracker.OnExecutionReport(Report(a.ClientOrderId, ExecutionReportKind.Ack)); // late report for the old id
        Assert.Equal(1, tracker.UnknownReports);
        Assert.True(tracker.TryGet(b.ClientOrderId, out var o));
        Assert.Equal(OrderStatus.PendingNew, o.Status);
    }

    [Fact]
    public void Cancel_reject_returns_the_order_to_its_open_status_and_fills_while_pending_count()
    {
        var tracker = new OrderTracker();
        var order = Buy(5);
        tracker.TryCreate(ref order);
        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Ack));
        Assert.True(tracker.OnCancelSent(order.ClientOrderId, 1));

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.PartialFill, 1));
        tracker.TryGet(order.ClientOrderId, out var o);
        Assert.Equal((OrderStatus.PendingCancel, 1L), (o.Status, o.FilledLots));

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Rejected));
        tracker.TryGet(order.ClientOrderId, out o);
        Assert.Equal(OrderStatus.PartiallyFilled, o.Status);
    }

    [Fact]
    public void Invalid_transitions_are_counted_and_ignored()
    {
        var tracker = new OrderTracker();
        var order = Buy(5);
        tracker.TryCreate(ref order);
        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Ack));

        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Rejected)); // no request pending
        tracker.OnExecutionReport(Report(order.ClientOrderId, ExecutionReportKind.Fill, 9));  // more than ordered

        Assert.Equal(2, tracker.InvalidTransitions);
        tracker.TryGet(order.ClientOrderId, out var o);
        Assert.Equal((OrderStatus.New, 0L), (o.Status, o.FilledLots));
    }

    [Fact]
    public void Unknown_orders_stay_open_until_reconciled_from_the_venue()
    {
        var tracker = new OrderTracker();
        var order = Buy(5);
        tracker.TryCreate(ref order);
        Assert.True(tracker.MarkUnknown(order.ClientOrderId, 10));
        tracker.TryGet(order.ClientOrderId, out var o);
        Assert.Equal((OrderStatus.Unknown, 1, 5L), (o.Status, tracker.OpenCount, tracker.OpenBuyLots(0)));

        Assert.True(tracker.Reconcile(order.ClientOrderId, OrderStatus.PartiallyFilled, 2, 20));
        Assert.Equal(3L, tracker.OpenBuyLots(0));
        Assert.True(tracker.Reconcile(order.ClientOrderId, OrderStatus.Cancelled, 2, 30));
        Assert.Equal((0, 0L), (tracker.OpenCount, tracker.OpenBuyLots(0)));
        Assert.False(tracker.TryGet(order.ClientOrderId, out _));
    }

    [Fact]
    public void Replace_marks_the_original_pending_and_tracks_the_replacement()
    {
        var tracker = new OrderTracker();
        var original = Buy(5);
        tracker.TryCreate(ref original);
        var replacement = Buy(3);
        Assert.True(tracker.OnReplaceSent(original.ClientOrderId, ref replacement));

        tracker.TryGet(original.ClientOrderId, out var o);
        Assert.Equal(OrderStatus.PendingReplace, o.Status);
        Assert.Equal((2, 8L), (tracker.OpenCount, tracker.OpenBuyLots(0)));

        tracker.OnExecutionReport(Report(original.ClientOrderId, ExecutionReportKind.Cancelled));
        Assert.Equal((1, 3L), (tracker.OpenCount, tracker.OpenBuyLots(0)));
    }

    [Theory]
    [InlineData(OrderStatus.PendingNew, ExecutionReportKind.Ack, 0, OrderStatus.New)]
    [InlineData(OrderStatus.PendingNew, ExecutionReportKind.Fill, 5, OrderStatus.Filled)]
    [InlineData(OrderStatus.PendingNew, ExecutionReportKind.Rejected, 0, OrderStatus.Rejected)]
    [InlineData(OrderStatus.New, ExecutionReportKind.Cancelled, 0, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.PendingReplace, ExecutionReportKind.Cancelled, 0, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.PendingReplace, ExecutionReportKind.Rejected, 0, OrderStatus.New)]
    [InlineData(OrderStatus.Unknown, ExecutionReportKind.PartialFill, 1, OrderStatus.PartiallyFilled)]
    public void State_machine_moves_as_documented(OrderStatus from, ExecutionReportKind kind, long filled, OrderStatus expected)
    {
        Assert.True(OrderStateMachine.TryApply(from, kind, filled, out var next));
        Assert.Equal(expected, next);
    }

    [Theory]
    [InlineData(OrderStatus.Filled, ExecutionReportKind.Cancelled)]
    [InlineData(OrderStatus.Cancelled, ExecutionReportKind.Fill)]
    [InlineData(OrderStatus.New, ExecutionReportKind.Rejected)]
    public void Terminal_or_out_of_order_reports_are_refused(OrderStatus from, ExecutionReportKind kind)
    {
        Assert.False(OrderStateMachine.TryApply(from, kind, 0, out var next));
        Assert.Equal(from, next);
    }
}
