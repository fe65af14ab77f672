using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Tests.Shared;

namespace HftScalper.Trading.Tests.Margin;

/// <summary>
/// A live venue's liquidation price (Binance USD-M <c>positionRisk</c>) is preferred over the one the margin account
/// computes, for the position it describes: the reduce check, the entry check and the reported figure.
/// </summary>
public sealed class VenueLiquidationTests
{
    // Cross, wallet 10000 USDT, long 1 BTC at 30000.00: ours is (30000 - 10000) / 0.996 = 20080.33 (rounded up), 33 % below the mark.
    private static MarginFixture LongOneBtc(FuturesOptions? options = null)
    {
        var f = new MarginFixture(10_000, options ?? new FuturesOptions { MinLiquidationDistanceBps = 100, ReduceLiquidationDistanceBps = 50 });
        f.Hold(MarginFixture.Btc, MarginFixture.Price30k, MarginFixture.Price30k);
        return f;
    }

    [Fact]
    public void The_exchange_liquidation_price_of_the_position_held_replaces_the_computed_one()
    {
        var f = LongOneBtc();
        long computed = f.Account.LiquidationPriceTicks(0);
        f.Account.VenueRisk = new VenueFigures(MarginFixture.Btc, 2_985_000); // the exchange: 29850.00, 50 bps under the mark

        Assert.Equal(2_008_033, computed);
        Assert.Equal(2_985_000, f.Account.LiquidationPriceTicks(0));
        Assert.True(f.Account.VenueLiquidations > 0);
    }

    [Fact]
    public void A_position_the_exchange_puts_near_liquidation_is_reduced_though_ours_is_far()
    {
        var f = LongOneBtc();
        Assert.False(f.Account.NearLiquidation(0));

        f.Account.VenueRisk = new VenueFigures(MarginFixture.Btc, 2_990_000); // 33 bps under the mark < 50 bps

        Assert.True(f.Account.NearLiquidation(0));
        Assert.Equal(3_333, f.Account.MinLiquidationDistanceCentiBps);
    }

    [Fact]
    public void An_entry_growing_a_position_the_exchange_puts_near_liquidation_is_refused_as_too_close()
    {
        var f = LongOneBtc();
        Assert.Equal(RiskVerdict.Accept, f.Account.CheckEntry(0, +1, 100, MarginFixture.Price30k, MarginFixture.Price30k, MarginFixture.Price30k));

        f.Account.VenueRisk = new VenueFigures(MarginFixture.Btc, 2_985_000);

        Assert.Equal(RiskVerdict.LiquidationTooClose, f.Account.CheckEntry(0, +1, 100, MarginFixture.Price30k, MarginFixture.Price30k, MarginFixture.Price30k));
        Assert.Equal(RiskVerdict.Accept, f.Account.CheckEntry(0, -1, 100, MarginFixture.Price30k, MarginFixture.Price30k, MarginFixture.Price30k)); // reducing
    }

    [Fact]
    public void A_figure_for_another_position_size_is_stale_and_ours_is_used()
    {
        var f = LongOneBtc();
        f.Account.VenueRisk = new VenueFigures(MarginFixture.Btc / 2, 2_990_000); // before the last fill

        Assert.Equal(2_008_033, f.Account.LiquidationPriceTicks(0));
        Assert.False(f.Account.NearLiquidation(0));
        Assert.Equal(0, f.Account.VenueLiquidations);
    }

    [Fact]
    public void Reading_the_exchange_figure_on_the_reduce_check_allocates_nothing()
    {
        var f = LongOneBtc();
        f.Account.VenueRisk = new VenueFigures(MarginFixture.Btc, 2_900_000);
        for (int i = 0; i < 100; i++) f.Account.NearLiquidation(0); // warm up
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 10_000; i++) f.Account.NearLiquidation(0);
        }));
    }

    // The venue's published figures for symbol 0 (what BinanceFuturesGateway answers from positionRisk).
    private sealed class VenueFigures(long positionLots, long liquidationTicks) : IVenueRiskSource
    {
        public bool TryGetLiquidation(int symbolId, out long lots, out long liquidation)
        {
            (lots, liquidation) = symbolId == 0 ? (positionLots, liquidationTicks) : (0, 0);
            return symbolId == 0;
        }
    }
}
