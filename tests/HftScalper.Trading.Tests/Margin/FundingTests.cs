using HftScalper.Trading.Margin;
using static HftScalper.Trading.Tests.Margin.MarginFixture;

namespace HftScalper.Trading.Tests.Margin;

// Synthetic funding times (the short recordings cross none): a position of 1 BTC marked at 30000.00 pays or receives
// 30000 x rate at each funding time the event clock crosses, and nothing in between.
public sealed class FundingTests
{
    private const long Second = 1_000_000_000;

    private static FuturesOptions EverySecond(double rate = 0.0001) =>
        new() { Funding = new FundingOptions { IntervalNs = Second, Rate = rate } };

    [Fact]
    public void A_long_pays_funding_exactly_at_each_funding_time_crossed()
    {
        var f = new MarginFixture(10_000, EverySecond());
        f.Account.AdvanceTo(Second / 2);          // the clock starts: the next funding time is 1 s
        f.Hold(Btc, Price30k, Price30k);

        f.Account.AdvanceTo(Second - 1);
        Assert.Equal((0L, 0L), (f.Account.FundingPayments, f.Ledger.Funding));

        f.Account.AdvanceTo(Second);              // crossed at exactly 1 s: 30000 x 0.0001 = 3 USDT paid
        Assert.Equal((1L, -3 * Usdt), (f.Account.FundingPayments, f.Ledger.Funding));
        Assert.Equal(-3 * Usdt, f.Ledger.Position(0).Funding);
        Assert.Equal(10_000 * Usdt - 3 * Usdt, f.Ledger.Equity);

        f.Account.AdvanceTo(Second + Second / 2); // nothing between funding times
        Assert.Equal(1L, f.Account.FundingPayments);

        f.Account.AdvanceTo(3 * Second + 1);      // one event after a gap crosses 2 s and 3 s: both are charged
        Assert.Equal((3L, -9 * Usdt, -9 * Usdt), (f.Account.FundingPayments, f.Ledger.Funding, f.Account.FundingTotal));
    }

    [Fact]
    public void A_short_receives_a_positive_rate_and_pays_a_negative_one()
    {
        var f = new MarginFixture(10_000, EverySecond());
        f.Account.AdvanceTo(1);
        f.Hold(-Btc, Price30k, Price30k);
        f.Account.AdvanceTo(Second);
        Assert.Equal(3 * Usdt, f.Ledger.Funding);

        var g = new MarginFixture(10_000, EverySecond(rate: -0.0002));
        g.Account.AdvanceTo(1);
        g.Hold(-Btc, Price30k, Price30k);
        g.Account.AdvanceTo(Second);
        Assert.Equal(-6 * Usdt, g.Ledger.Funding);
    }

    [Fact]
    public void The_mark_price_streams_funding_time_and_rate_replace_the_schedule_for_its_symbol()
    {
        // Schedule: 0.01 % every second. The stream says 0.02 % at 10.5 s: the schedule's times no longer charge the
        // symbol, the stream's does (1 BTC x 30000 x 0.0002 = 6 USDT paid), once, until a later event names the next.
        var f = new MarginFixture(10_000, EverySecond());
        f.Account.AdvanceTo(Second / 2);
        f.Hold(Btc, Price30k, Price30k);
        f.Account.OnMarkPrice(0, Price30k, fundingRateE8: 20_000, nextFundingNs: 10 * Second + Second / 2, nowNs: Second / 2);

        f.Account.AdvanceTo(10 * Second);
        Assert.Equal((0L, 0L), (f.Account.FundingPayments, f.Ledger.Funding));

        f.Account.AdvanceTo(10 * Second + Second / 2);
        Assert.Equal((1L, -6 * Usdt), (f.Account.FundingPayments, f.Ledger.Funding));
        Assert.Equal("markPrice", f.Account.FundingSource);

        f.Account.AdvanceTo(30 * Second);
        Assert.Equal(1L, f.Account.FundingPayments);

        // The next update names 40 s at -0.01 %: a long receives 3 USDT then.
        f.Account.OnMarkPrice(0, Price30k, fundingRateE8: -10_000, nextFundingNs: 40 * Second, nowNs: 30 * Second);
        f.Account.AdvanceTo(40 * Second);
        Assert.Equal((2L, -3 * Usdt), (f.Account.FundingPayments, f.Ledger.Funding));
    }

    [Fact]
    public void Without_a_funding_time_from_the_stream_the_schedule_funds_and_says_so()
    {
        var f = new MarginFixture(10_000, EverySecond());
        f.Account.AdvanceTo(1);
        f.Hold(Btc, Price30k, Price30k);
        f.Account.OnMarkPrice(0, Price30k, fundingRateE8: 0, nextFundingNs: 0, nowNs: 1);
        f.Account.AdvanceTo(Second);
        Assert.Equal((1L, -3 * Usdt, "schedule"), (f.Account.FundingPayments, f.Ledger.Funding, f.Account.FundingSource));
    }

    [Fact]
    public void No_position_no_funding()
    {
        var f = new MarginFixture(10_000, EverySecond());
        f.Account.AdvanceTo(1);
        f.Account.AdvanceTo(5 * Second);
        Assert.Equal((0L, 0L), (f.Account.FundingPayments, f.Ledger.Funding));
    }

    [Fact]
    public void The_default_schedule_funds_at_00_08_and_16_UTC()
    {
        var f = new MarginFixture(10_000);
        var midnight = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() * 1_000_000;
        const long hour = 3600 * Second;
        f.Account.AdvanceTo(midnight + 7 * hour);
        f.Hold(Btc, Price30k, Price30k);
        f.Account.AdvanceTo(midnight + 8 * hour - 1);
        Assert.Equal(0L, f.Account.FundingPayments);
        f.Account.AdvanceTo(midnight + 8 * hour);
        f.Account.AdvanceTo(midnight + 15 * hour);
        Assert.Equal(1L, f.Account.FundingPayments);
        f.Account.AdvanceTo(midnight + 16 * hour);
        Assert.Equal((2L, -6 * Usdt), (f.Account.FundingPayments, f.Ledger.Funding));
    }

    [Fact]
    public void A_funding_table_charges_only_its_own_times_at_its_own_rates()
    {
        var t0 = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var options = new FuturesOptions
        {
            Funding = new FundingOptions
            {
                Table = [new FundingPoint { Time = t0.AddSeconds(3), Rate = -0.0001 }, new FundingPoint { Time = t0.AddSeconds(2), Rate = 0.0005 }],
            },
        };
        long ns0 = t0.ToUnixTimeMilliseconds() * 1_000_000;
        var f = new MarginFixture(10_000, options);
        f.Account.AdvanceTo(ns0);
        f.Hold(Btc, Price30k, Price30k);

        f.Account.AdvanceTo(ns0 + 2 * Second);    // 0.05 % of 30000 = 15 USDT paid
        Assert.Equal(-15 * Usdt, f.Ledger.Funding);
        f.Account.AdvanceTo(ns0 + 3 * Second);    // -0.01 %: the long receives 3 USDT
        Assert.Equal(-12 * Usdt, f.Ledger.Funding);
        f.Account.AdvanceTo(ns0 + 100 * Second);  // the table is over (the 8 h interval does not apply)
        Assert.Equal(2L, f.Account.FundingPayments);
    }
}
