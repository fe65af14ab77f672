using HftScalper.Binance.UserData;
using HftScalper.Core.Events;

namespace HftScalper.Binance.Tests.UserData;

/// <summary>Duplicate and out-of-order order reports are told apart from fresh ones, so each fill is applied once.</summary>
public sealed class OrderUpdateSequencerTests
{
    private static OrderUpdate Report(ExecutionType x, OrderStatus status, long cum, long tradeId = -1, long time = 1) =>
        new(time)
        {
            Market = UserDataMarket.Spot, Symbol = "BTCUSDT", PriceDecimals = 2, QuantityDecimals = 5,
            ClientOrderId = "hft-1", OrderId = 7, Side = Side.Bid, OrderType = "LIMIT",
            ExecutionType = x, Status = status, CumulativeQuantity = cum, TradeId = tradeId, TransactionTimeMs = time,
        };

    [Fact]
    public void The_same_fill_twice_is_a_duplicate()
    {
        var s = new OrderUpdateSequencer();

        Assert.Equal(ReportOrder.Fresh, s.Classify(Report(ExecutionType.Trade, OrderStatus.PartiallyFilled, 5, 100)));
        Assert.Equal(ReportOrder.Duplicate, s.Classify(Report(ExecutionType.Trade, OrderStatus.PartiallyFilled, 5, 100)));
        Assert.Equal(1, s.Duplicates);
    }

    [Fact]
    public void A_fill_that_arrives_after_a_later_one_is_still_applied_once()
    {
        var s = new OrderUpdateSequencer();

        Assert.Equal(ReportOrder.Fresh, s.Classify(Report(ExecutionType.Trade, OrderStatus.Filled, 10, 101, time: 3)));
        Assert.Equal(ReportOrder.Fresh, s.Classify(Report(ExecutionType.Trade, OrderStatus.PartiallyFilled, 5, 100, time: 2)));
        Assert.Equal(ReportOrder.Duplicate, s.Classify(Report(ExecutionType.Trade, OrderStatus.PartiallyFilled, 5, 100, time: 2)));
    }

    [Fact]
    public void A_new_report_after_the_order_is_filled_is_stale()
    {
        var s = new OrderUpdateSequencer();
        s.Classify(Report(ExecutionType.New, OrderStatus.New, 0, time: 1));
        s.Classify(Report(ExecutionType.Trade, OrderStatus.Filled, 10, 100, time: 2));

        Assert.Equal(ReportOrder.Duplicate, s.Classify(Report(ExecutionType.New, OrderStatus.New, 0, time: 1)));
        Assert.Equal(ReportOrder.Stale, s.Classify(Report(ExecutionType.Canceled, OrderStatus.Canceled, 0, time: 3)));
        Assert.Equal(ReportOrder.Fresh, s.Classify(Report(ExecutionType.Expired, OrderStatus.Expired, 10, time: 4)));
    }

    [Fact]
    public void Forgetting_an_order_drops_its_state()
    {
        var s = new OrderUpdateSequencer();
        s.Classify(Report(ExecutionType.New, OrderStatus.New, 0));

        Assert.True(s.Forget(UserDataMarket.Spot, 7));
        Assert.Equal(0, s.Count);
    }
}
