using HftScalper.Trading.Margin;

namespace HftScalper.Trading.Tests.Margin;

/// <summary>The margin account marks at the exchange's mark price when it has one, and at the mid otherwise.</summary>
public sealed class MarkPriceTests
{
    [Fact]
    public void Without_a_mark_price_the_mid_marks_and_the_source_is_mid()
    {
        var f = new MarginFixture(10_000);
        f.Account.MarkMid(0, 2_999_000, 3_001_000);

        Assert.Equal(3_000_000, f.Account.MarkTicks(0));
        Assert.Equal("mid", f.Account.MarkSource);
    }

    [Fact]
    public void The_exchange_mark_price_marks_and_later_mids_no_longer_move_it()
    {
        var f = new MarginFixture(10_000);
        f.Hold(MarginFixture.Btc, MarginFixture.Price30k, MarginFixture.Price30k);

        f.Account.MarkPrice(0, 2_950_000);
        f.Account.MarkMid(0, 2_999_000, 3_001_000);

        Assert.Equal(2_950_000, f.Account.MarkTicks(0));
        Assert.Equal("markPrice", f.Account.MarkSource);
        Assert.Equal(-500 * MarginFixture.Usdt, f.Account.UnrealizedPnl(0)); // 1 BTC x (29500 - 30000)
    }

    [Fact]
    public void A_mark_price_for_a_spot_symbol_or_not_positive_is_ignored()
    {
        var spot = new MarginFixture(10_000, venue: "binance-spot");
        spot.Account.MarkPrice(0, 2_950_000);
        var usdm = new MarginFixture(10_000);
        usdm.Account.MarkPrice(0, 0);

        Assert.Equal(("mid", "mid"), (spot.Account.MarkSource, usdm.Account.MarkSource));
    }
}
