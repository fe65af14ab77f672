using HftScalper.Trading.Margin;
using static HftScalper.Trading.Tests.Margin.MarginFixture;

namespace HftScalper.Trading.Tests.Margin;

// Hand-computed from Binance's formula LP = (WB - TMM1 + UPNL1 + cumB - side x Q x EP) / (Q x MMR - side x Q), one
// BTC at 30000.00 in the first bracket (MMR 0.4 %, cum 0): ticks of 0.01, account units of 1e-5 USDT.
public sealed class LiquidationPriceTests
{
    [Fact]
    public void A_long_liquidates_where_the_wallet_minus_maintenance_is_used_up()
    {
        // (3000 - 30000) / (0.004 - 1) = 27108.4337... -> 27108.44 (rounded up: a long liquidates a tick sooner)
        long lp = LiquidationPrice.Compute(+1, Btc, 30_000 * Usdt, 1, 3_000 * Usdt, 0, 0, 0, 4_000);
        Assert.Equal(2_710_844L, lp);
    }

    [Fact]
    public void A_short_liquidates_above_the_entry_by_the_wallet_less_maintenance()
    {
        // (3000 + 30000) / (0.004 + 1) = 32868.5258... -> 32868.52 (rounded down: a short liquidates a tick sooner)
        long lp = LiquidationPrice.Compute(-1, Btc, 30_000 * Usdt, 1, 3_000 * Usdt, 0, 0, 0, 4_000);
        Assert.Equal(3_286_852L, lp);
    }

    [Fact]
    public void A_long_whose_balance_covers_a_fall_to_zero_has_no_liquidation_price_and_is_100_percent_away()
    {
        long lp = LiquidationPrice.Compute(+1, Btc, 30_000 * Usdt, 1, 40_000 * Usdt, 0, 0, 0, 4_000);
        Assert.Equal(0L, lp);
        Assert.Equal(1_000_000L, LiquidationPrice.DistanceCentiBps(+1, lp, Price30k));
    }

    [Theory]
    [InlineData(+1, 2_710_844, 3_000_000, 96_385)] // long: (30000 - 27108.44) / 30000 = 9.6385 %
    [InlineData(-1, 3_286_852, 3_000_000, 95_617)] // short: (32868.52 - 30000) / 30000 = 9.5617 %
    [InlineData(-1, 2_900_000, 3_000_000, 0)]      // the mark is past the short's liquidation price
    public void The_distance_is_measured_on_the_losing_side_of_the_mark(int side, long lp, long mark, long centiBps) =>
        Assert.Equal(centiBps, LiquidationPrice.DistanceCentiBps(side, lp, mark));

    [Fact]
    public void Isolated_margin_in_the_second_bracket_uses_its_rate_and_maintenance_amount()
    {
        // 2 BTC at 30000 = 60000 USDT notional: bracket 2 (0.5 %, cum 50); isolated at 10x posts 6000 USDT.
        // (6000 + 50 - 60000) / (2 x (0.005 - 1)) = 27110.5527... -> 27110.56
        var f = new MarginFixture(100_000, new FuturesOptions { Leverage = 10, MarginMode = MarginMode.Isolated });
        f.Hold(2 * Btc, Price30k, Price30k);

        Assert.Equal(2_711_056L, f.Account.LiquidationPriceTicks(0));
        Assert.Equal(60_000 * Usdt / 10, f.Account.InitialMargin(0));
        Assert.Equal(60_000 * Usdt * 5 / 1000 - 50 * Usdt, f.Account.MaintenanceMargin(0)); // 300 - 50 = 250 USDT
    }

    [Fact]
    public void Cross_margin_backs_the_position_with_the_whole_wallet()
    {
        // Wallet 10000 USDT, long 1 BTC at 30000: (10000 - 30000) / (0.004 - 1) = 20080.3212... -> 20080.33
        var f = new MarginFixture(10_000);
        f.Hold(Btc, Price30k, Price30k);
        Assert.Equal(2_008_033L, f.Account.LiquidationPriceTicks(0));

        // Short 1 BTC at 30000: (10000 + 30000) / 1.004 = 39840.6374... -> 39840.63
        var s = new MarginFixture(10_000);
        s.Hold(-Btc, Price30k, Price30k);
        Assert.Equal(3_984_063L, s.Account.LiquidationPriceTicks(0));
    }

    [Fact]
    public void Unrealised_pnl_is_taken_at_the_mark_not_at_the_close_out_price()
    {
        var f = new MarginFixture(10_000);
        f.Ledger.ApplyFill(0, -Btc, Price30k, 0, 1);
        f.Ledger.Mark(0, 2_990_000, 3_010_000, 1); // the ledger's short is marked at the ask
        f.Account.MarkMid(0, 2_990_000, 3_010_000);

        Assert.Equal(0L, f.Account.UnrealizedPnl(0));                   // mid 30000.00 = entry
        Assert.Equal(-100 * Usdt, f.Ledger.UnrealizedPnl);               // close-out at 30100.00
        Assert.Equal(10_000 * Usdt, f.Account.MarginBalance);
        Assert.Equal(10_000 * Usdt - 30_000 * Usdt / 20, f.Account.AvailableBalance); // 20x default: 1500 USDT used
    }
}
