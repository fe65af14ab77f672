using System.Diagnostics;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// tickToOrderNs over a real loopback WebSocket API session against the fake exchange: the frame's receive stamp
/// rides on the order (<see cref="OrderRequest.IngressTicks"/>) through the desk and the spot gateway to the client,
/// which records when the order.place bytes are written. Correctness only: one sample per order, values in range.
/// </summary>
public sealed class TickToOrderTests
{
    [Fact]
    public async Task Each_order_placed_with_a_frame_stamp_gives_one_positive_sample_below_the_run_time()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        long start = Stopwatch.GetTimestamp();
        var ids = new List<ClientOrderId>();
        for (int i = 0; i < 5; i++)
        {
            long frameReceived = Stopwatch.GetTimestamp(); // as the live feed stamps a frame
            var r = new OrderRequest
            {
                SymbolId = 0, Side = OrderSide.Buy, Type = OrderType.Limit, PriceTicks = bid - 100 - i, QuantityLots = 1000, TimeNs = 1,
                IngressTicks = frameReceived,
            };
            Assert.True(h.Desk.Orders.TryCreate(ref r));
            h.Desk.Gateway.Submit(in r);
            ids.Add(r.ClientOrderId);
        }
        var unstamped = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 200, 1000); // no frame behind it (e.g. a flatten)
        await h.PumpUntil(() => ids.Append(unstamped).All(id => h.StatusOf(id) == OrderStatus.New), "the acks");
        long wallNs = (long)Stopwatch.GetElapsedTime(start).TotalNanoseconds;

        var t2o = h.Client.TickToOrder;
        Assert.Equal(5, t2o.Count);
        Assert.InRange(t2o.PercentileNs(0.0), 1, wallNs);
        Assert.InRange(t2o.MaxNs, 1, wallNs);
        Assert.Equal(0, h.Desk.TickToOrder.Count); // a live gateway: the desk leaves the measurement to the client
    }
}
