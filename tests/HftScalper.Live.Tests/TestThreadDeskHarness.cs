using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>A live harness whose test thread plays the strategy thread: it submits orders as the desk does and pumps
/// market events through the desk, which delivers the gateway's reports into <see cref="Sink"/>.</summary>
internal abstract class TestThreadDeskHarness : FakeVenueHarness
{
    public required RecordingSink Sink { get; init; }

    /// <summary>Creates the order in the tracker (fresh id) and submits it, as the desk does.</summary>
    public ClientOrderId Submit(OrderSide side, OrderType type, long priceTicks, long lots, bool reduceOnly = false)
    {
        var r = new OrderRequest { SymbolId = 0, Side = side, Type = type, PriceTicks = priceTicks, QuantityLots = lots, ReduceOnly = reduceOnly, TimeNs = 1 };
        Assert.True(Desk.Orders.TryCreate(ref r));
        Desk.Gateway.Submit(in r);
        return r.ClientOrderId;
    }

    /// <summary>Feeds market events to the desk on this (the strategy) thread, which delivers the gateway's reports,
    /// until <paramref name="condition"/> holds.</summary>
    public async Task PumpUntil(Func<bool> condition, string what, int timeoutMs = 20_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var tick = default(Core.Events.MarketEvent);
            Desk.OnMarketEvent(in tick);
            if (condition()) return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"timed out waiting for {what}; reports: {string.Join(", ", Sink.Reports.Select(r => $"{r.Kind}/{r.Reason}"))}; log: {string.Join(" | ", Log.TakeLast(8))}");
            await Task.Delay(10);
        }
    }
}
