using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// The live spot gateway checks Binance's PERCENT_PRICE_BY_SIDE band before sending, centred on the book's mid the desk
/// hands it at each decision and mark (as the paper exchange centres it): an order the venue would refuse with
/// <c>-1013</c> is refused locally, counted (<see cref="BinanceGateway.LocalRejects"/>; <c>run --json filterRejects</c>
/// counts its <see cref="ExecutionReason.FilterFailure"/> report) and never sent. The gateway had no reference price
/// (nothing set it), so the band was never checked live and such orders went to the venue.
/// </summary>
public sealed class PercentPriceBandPreCheckTests
{
    private const long Lots = 10_000; // 0.1 BTC: above the minimum notional even at a tenth of the price

    [Fact]
    public async Task An_order_outside_the_band_around_the_mid_is_refused_before_sending()
    {
        await using var h = await GatewayHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var (ask, _) = h.BestAsk();
        long far = bid / 10 / 100 * 100; // a tenth of the market, on a whole-dollar tick: below the 0.2 bid multiplier

        // No reference yet: the venue judges the band (and refuses with -1013).
        var unchecked_ = h.Submit(OrderSide.Buy, OrderType.Limit, far, Lots);
        await h.PumpUntil(() => h.StatusOf(unchecked_) == OrderStatus.None, "the venue's band reject");
        Assert.Equal((1L, 0L), (h.Gateway.VenueRejects, h.Gateway.LocalRejects));
        Assert.Equal(-1013, h.Gateway.LastReject.Code);

        h.Desk.Mark(0, bid, ask, 1); // what every decision does too: the desk hands the gateway the mid
        var refused = h.Submit(OrderSide.Buy, OrderType.Limit, far, Lots);
        var inside = h.Submit(OrderSide.Buy, OrderType.Limit, bid - 100, Lots);

        Assert.Equal(1, h.Gateway.LocalRejects);
        await h.PumpUntil(() => h.StatusOf(refused) == OrderStatus.None && h.VenueOrders(inside).Length == 1, "the local reject and the order inside the band");
        var report = Assert.Single(h.Sink.Of(refused));
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.FilterFailure), (report.Kind, report.Reason));
        Assert.Empty(h.VenueOrders(refused));
        Assert.Equal(1, h.Gateway.VenueRejects); // the refused order never reached the venue
        Assert.Contains(h.Log, l => l.Contains("refused before sending", StringComparison.Ordinal) && l.Contains("PriceBelowBand", StringComparison.Ordinal));
    }
}

/// <summary>The live desk as <c>hft run --mode testnet</c> builds it (<see cref="LiveDeskGateway"/> over the spot gateway)
/// hands the mid through to the venue's pre-check.</summary>
public sealed class LiveDeskPercentPriceBandTests
{
    [Fact]
    public async Task The_live_desk_gateway_hands_the_mid_to_the_venue_and_the_band_refuses_locally()
    {
        await using var h = await LiveDeskHarness.StartAsync();
        var (bid, _) = h.BestBid();
        var (ask, _) = h.BestAsk();
        var venue = (BinanceGateway)h.Gateway.Venue;

        bool sent = await h.OnTradingThread(() =>
        {
            h.Desk.Mark(0, bid, ask, 1);
            var r = new OrderRequest { SymbolId = 0, Side = OrderSide.Sell, Type = OrderType.Limit, PriceTicks = ask * 6, QuantityLots = 1000, TimeNs = 1 };
            Assert.True(h.Desk.Orders.TryCreate(ref r));
            return h.Desk.Gateway.Submit(in r); // 6 x the mid: above the 5 x ask multiplier
        });

        Assert.False(sent);
        Assert.Equal((1L, 0L), (venue.LocalRejects, venue.VenueRejects));
        Assert.Equal(0, h.VenueOpenOrders());
    }
}
