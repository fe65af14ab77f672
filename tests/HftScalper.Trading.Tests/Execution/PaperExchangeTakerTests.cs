using HftScalper.Core.Events;
using HftScalper.Trading.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Execution;

public sealed class PaperExchangeTakerTests
{
    [Fact]
    public void Order_is_live_only_after_its_entry_latency()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec, entryNs: 1 * Ms);
        using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));
        Feed(px, book, Clock(0));

        Assert.True(px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 101, 5, timeNs: 0)));
        Feed(px, book, Clock(Ms / 2));
        Assert.Empty(rec.Reports);
        Assert.Equal(1, px.InFlightRequests);

        Feed(px, book, Level(Ms, Side.Bid, 99, 1));
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Fill], rec.Kinds);
        var fill = rec.Reports[1];
        Assert.Equal((101L, 5L, Liquidity.Taker, Ms), (fill.LastPriceTicks, fill.LastQuantityLots, fill.Liquidity, fill.ExchangeTimeNs));
    }

    [Fact]
    public void Marketable_order_walks_the_levels_with_one_taker_fill_per_level()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3), (Side.Ask, 102, 4), (Side.Ask, 103, 10));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Market, 0, 10));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.PartialFill, ExecutionReportKind.Fill], rec.Kinds);
        Assert.Equal([(101L, 3L, 3L, 7L), (102, 4, 7, 3), (103, 3, 10, 0)],
            rec.Fills.Select(f => (f.LastPriceTicks, f.LastQuantityLots, f.CumulativeQuantityLots, f.LeavesQuantityLots)));
        Assert.All(rec.Fills, f => Assert.Equal(Liquidity.Taker, f.Liquidity));
    }

    [Fact]
    public void Sell_walks_the_bids_best_first()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 2), (Side.Bid, 99, 5), (Side.Ask, 101, 1));

        px.Submit(Order(1, OrderSide.Sell, OrderType.Market, 0, 4));
        Feed(px, book, Clock(0));

        Assert.Equal([(100L, 2L), (99, 2)], rec.Fills.Select(f => (f.LastPriceTicks, f.LastQuantityLots)));
        Assert.Equal(ExecutionReportKind.Fill, rec.Reports[^1].Kind);
    }

    [Fact]
    public void Ioc_remainder_is_cancelled_after_the_levels_within_its_price()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3), (Side.Ask, 102, 4), (Side.Ask, 103, 10));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 102, 10));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.PartialFill, ExecutionReportKind.Cancelled], rec.Kinds);
        var cancel = rec.Reports[^1];
        Assert.Equal((ExecutionReason.IocRemainder, 7L, 0L), (cancel.Reason, cancel.CumulativeQuantityLots, cancel.LeavesQuantityLots));
        Assert.Equal(0, px.RestingOrders);
    }

    [Fact]
    public void Market_order_on_a_thin_book_fills_what_exists_and_expires_the_rest()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Market, 0, 5));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill, ExecutionReportKind.Cancelled], rec.Kinds);
        Assert.Equal((ExecutionReason.MarketRemainder, 3L), (rec.Reports[^1].Reason, rec.Reports[^1].CumulativeQuantityLots));
    }

    [Fact]
    public void Marketable_limit_takes_what_crosses_and_rests_the_remainder_at_the_front()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3), (Side.Ask, 102, 4));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Limit, 101, 5));
        Feed(px, book, Clock(0));
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.PartialFill], rec.Kinds);
        Assert.Equal(1, px.RestingOrders);

        // The level at 101 is gone from the replayed book; the next seller at 101 hits us first (queue 0).
        Feed(px, book, Level(Ms, Side.Ask, 101, 0));
        Feed(px, book, Trade(2 * Ms, 101, 1, Side.Ask));
        Assert.Equal(ExecutionReportKind.PartialFill, rec.Reports[^1].Kind);
        Assert.Equal((101L, 1L, Liquidity.Maker), (rec.Reports[^1].LastPriceTicks, rec.Reports[^1].LastQuantityLots, rec.Reports[^1].Liquidity));
    }

    [Fact]
    public void The_level_a_limit_order_consumed_does_not_fill_its_remainder_again()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3), (Side.Ask, 102, 4));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Limit, 101, 5));
        Feed(px, book, Clock(0));
        Feed(px, book, Level(Ms, Side.Bid, 99, 1));            // the replay still shows the 3 lots we took at 101
        Assert.Single(rec.Fills);

        Feed(px, book, Level(2 * Ms, Side.Ask, 100, 2));        // a seller strictly through our price: filled
        Assert.Equal((ExecutionReportKind.Fill, 2L, Liquidity.Maker), (rec.Reports[^1].Kind, rec.Reports[^1].LastQuantityLots, rec.Reports[^1].Liquidity));
    }

    [Fact]
    public void Lots_we_took_are_not_taken_again_until_the_level_updates()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 5), (Side.Ask, 101, 3));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 101, 2));
        px.Submit(Order(2, OrderSide.Buy, OrderType.Ioc, 101, 2));
        Feed(px, book, Clock(0));
        Assert.Equal([(1L, 2L), (2, 1)], rec.Fills.Select(f => (f.ClientOrderId.Value, f.LastQuantityLots)));
        Assert.Equal(ExecutionReason.IocRemainder, rec.Reports[^1].Reason);

        Feed(px, book, Level(Ms, Side.Ask, 101, 3));            // the venue refreshes the level
        px.Submit(Order(3, OrderSide.Buy, OrderType.Ioc, 101, 2, timeNs: Ms));
        Feed(px, book, Clock(Ms));
        Assert.Equal(2L, rec.Fills.Last().LastQuantityLots);
    }

    [Fact]
    public void Post_only_that_would_cross_is_rejected_and_one_that_does_not_rests()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);
        using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));

        px.Submit(Order(1, OrderSide.Buy, OrderType.PostOnly, 101, 5));
        px.Submit(Order(2, OrderSide.Buy, OrderType.PostOnly, 100, 5));
        Feed(px, book, Clock(0));

        Assert.Equal([ExecutionReportKind.Rejected, ExecutionReportKind.Ack], rec.Kinds);
        Assert.Equal((ExecutionReason.PostOnlyWouldCross, new ClientOrderId(1)), (rec.Reports[0].Reason, rec.Reports[0].ClientOrderId));
        Assert.Empty(rec.Fills);
        Assert.Equal(1, px.RestingOrders);
    }

    [Fact]
    public void Taker_and_maker_fills_pay_their_own_fee_rates_in_quote_units()
    {
        // BTCUSDT-like scales: 50000.00 = 5_000_000 ticks, 0.001 BTC = 100 lots; notional 5e8 units = 50 USDT.
        var rec = new ReportRecorder();
        var px = Exchange(rec, fees: new FeeSchedule(MakerPpm: 200, TakerPpm: 1000));
        using var book = Book((Side.Bid, 4_999_999, 100), (Side.Ask, 5_000_000, 100));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 5_000_000, 100));
        px.Submit(Order(2, OrderSide.Sell, OrderType.PostOnly, 5_000_001, 100));
        Feed(px, book, Clock(0));
        Feed(px, book, Trade(Ms, 5_000_002, 1, Side.Bid)); // traded through our ask: we are filled

        var fills = rec.Fills.ToArray();
        Assert.Equal((Liquidity.Taker, 500_000L), (fills[0].Liquidity, fills[0].Fee));   // 0.1 % of 50 USDT = 0.05 USDT
        Assert.Equal((Liquidity.Maker, 100_001L), (fills[1].Liquidity, fills[1].Fee));   // 0.02 % of 500_000_100 = 100_000.02, rounded up
    }

    [Fact]
    public void Fees_round_against_us()
    {
        Assert.Equal(1, new FeeSchedule(1000, 1000).Compute(101, 3, Liquidity.Taker));       // 0.303 -> 1
        Assert.Equal(-50_000, new FeeSchedule(-100, 1000).Compute(5_000_000, 100, Liquidity.Maker));
        Assert.Equal(0, new FeeSchedule(-1000, 1000).Compute(101, 3, Liquidity.Maker));      // -0.303 -> 0
        Assert.Equal((1000, 1000), (FeeSchedule.BinanceSpotDefault.MakerPpm, FeeSchedule.BinanceSpotDefault.TakerPpm));
    }

    [Fact]
    public void Reports_arrive_after_the_response_latency_in_order()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec, responseNs: 2 * Ms);
        using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));

        px.Submit(Order(1, OrderSide.Buy, OrderType.Ioc, 101, 5));
        Feed(px, book, Clock(0));
        Feed(px, book, Clock(Ms));
        Assert.Empty(rec.Reports);
        Assert.Equal(2, px.PendingReports);

        Feed(px, book, Clock(2 * Ms));
        Assert.Equal([ExecutionReportKind.Ack, ExecutionReportKind.Fill], rec.Kinds);
        Assert.All(rec.Reports, r => Assert.Equal((0L, 2 * Ms), (r.ExchangeTimeNs, r.ReceiveTimeNs)));
    }

    [Fact]
    public void Invalid_orders_and_orders_without_a_book_are_rejected()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec);

        Assert.False(px.Submit(Order(1, OrderSide.Buy, OrderType.Limit, 0, 5)));
        Assert.Equal(ExecutionReason.InvalidOrder, rec.Reports.Single().Reason);

        Assert.True(px.Submit(Order(2, OrderSide.Buy, OrderType.Limit, 100, 5)));
        var tick = Clock(0);
        px.OnMarketEvent(in tick, null);
        Assert.Equal((ExecutionReportKind.Rejected, ExecutionReason.NoLiquidity), (rec.Reports[^1].Kind, rec.Reports[^1].Reason));
    }

    [Fact]
    public void A_client_order_id_in_use_is_refused()
    {
        var rec = new ReportRecorder();
        var px = Exchange(rec, entryNs: Ms);
        Assert.True(px.Submit(Order(1, OrderSide.Buy, OrderType.PostOnly, 100, 5)));
        Assert.False(px.Submit(Order(1, OrderSide.Buy, OrderType.PostOnly, 99, 5)));
        Assert.Equal(ExecutionReason.DuplicateClientOrderId, rec.Reports.Single().Reason);
    }

    [Fact]
    public void Same_inputs_and_seeds_give_the_same_reports_and_requests_never_overtake()
    {
        (ExecutionReport[] Reports, int InFlight) RunOnce()
        {
            var rec = new ReportRecorder();
            var px = new PaperExchange(rec, new PaperExchangeOptions
            {
                EntryLatency = LatencyModel.LogNormal(Ms, 1.0, 20 * Ms, seed: 11),
                ResponseLatency = LatencyModel.LogNormal(Ms / 2, 1.0, 20 * Ms, seed: 12),
            });
            using var book = Book((Side.Bid, 100, 10), (Side.Ask, 101, 10));
            for (int i = 0; i < 200; i++)
            {
                long t = i * Ms / 4;
                if (i % 3 == 0) px.Submit(Order(i + 1, i % 2 == 0 ? OrderSide.Buy : OrderSide.Sell, OrderType.Ioc, i % 2 == 0 ? 101 : 100, 1 + i % 4, t));
                Feed(px, book, i % 5 == 0 ? Trade(t, 100, 3, Side.Ask) : Level(t, Side.Bid, 99, i % 7 + 1));
            }
            px.FlushReports();
            return (rec.Reports.ToArray(), px.InFlightRequests);
        }

        var (first, inFlight) = RunOnce();
        Assert.Equal(first, RunOnce().Reports);
        var acks = first.Where(r => r.Kind == ExecutionReportKind.Ack).ToArray();
        Assert.Equal(67, acks.Length + inFlight);              // 67 orders: acked, or still travelling at the end
        Assert.True(inFlight <= 1);
        Assert.Equal(acks.Select(a => a.ClientOrderId.Value).Order(), acks.Select(a => a.ClientOrderId.Value)); // FIFO
        Assert.True(first.Zip(first.Skip(1)).All(p => p.First.ReceiveTimeNs <= p.Second.ReceiveTimeNs));
    }
}
