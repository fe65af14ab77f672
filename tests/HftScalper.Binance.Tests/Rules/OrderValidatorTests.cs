using System.Text;
using HftScalper.Binance.Orders;
using HftScalper.Binance.Rules;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Rules;

/// <summary>Hand-computed cases. XYZUSDT: tick 0.05 (5 units at 2 decimals), min price 0.05, max 1000; step 0.25
/// from min 0.10; min notional 10; PERCENT_PRICE 0.9..1.1. ETHBTC: PERCENT_PRICE_BY_SIDE, NOTIONAL max 9,000,000.</summary>
public sealed class OrderValidatorTests
{
    private static readonly ExchangeInfo Info = ExchangeInfoParser.Parse(Encoding.UTF8.GetBytes(ExchangeInfoSamples.Spot));
    private static readonly SymbolRules Xyz = SymbolRules.Create(Info.Symbols["XYZUSDT"]);
    private static readonly SymbolRules Eth = SymbolRules.Create(Info.Symbols["ETHBTC"]);

    [Theory]
    [InlineData(10_005, 1_010, OrderCheck.Ok)]            // 100.05 x 10.10: on tick (100.05-0.05)/0.05 = 2000, qty (10.10-0.10)/0.25 = 40
    [InlineData(10_007, 1_010, OrderCheck.PriceOffTick)]  // 100.07 is not on a 0.05 grid
    [InlineData(10_010, 1_010, OrderCheck.Ok)]            // 100.10
    [InlineData(0, 1_010, OrderCheck.PriceTooLow)]
    [InlineData(4, 1_010, OrderCheck.PriceTooLow)]        // 0.04 < min 0.05
    [InlineData(100_005, 1_010, OrderCheck.PriceTooHigh)] // 1000.05 > 1000
    [InlineData(10_005, 1_000, OrderCheck.QuantityOffStep)] // 10.00: (10.00-0.10)/0.25 = 39.6
    [InlineData(10_005, 5, OrderCheck.QuantityTooLow)]    // 0.05 < 0.10
    [InlineData(10_005, 500_010, OrderCheck.QuantityTooHigh)] // 5000.10 > 5000
    [InlineData(10_005, 10, OrderCheck.Ok)]               // 100.05 x 0.10 = 10.005 >= min notional 10
    [InlineData(9_995, 10, OrderCheck.NotionalTooLow)]    // 99.95 x 0.10 = 9.995 < 10
    public void Limit_orders_are_checked_against_price_lot_and_notional(long price, long qty, OrderCheck expected)
    {
        var check = OrderValidator.Check(Xyz, OrderSide.Buy, isMarket: false, price, qty, referencePrice: 0);

        Assert.Equal(expected, check);
    }

    [Fact]
    public void Notional_just_below_the_minimum_is_refused_and_at_the_minimum_accepted()
    {
        // 9.95 x 1.10 = 10.945 -> ok; 9.00 x 1.10 = 9.90 -> too low; 40.00 x 0.10 = 4.00 -> too low; 100.00 x 0.10 = 10.00 -> ok
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Xyz, OrderSide.Sell, false, 995, 110, 0));
        Assert.Equal(OrderCheck.NotionalTooLow, OrderValidator.Check(Xyz, OrderSide.Sell, false, 900, 110, 0));
        Assert.Equal(OrderCheck.NotionalTooLow, OrderValidator.Check(Xyz, OrderSide.Sell, false, 4_000, 10, 0));
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Xyz, OrderSide.Sell, false, 10_000, 10, 0));
    }

    [Theory]
    [InlineData(11_000, OrderCheck.Ok)]              // 110.00 = 100 x 1.1 exactly
    [InlineData(11_005, OrderCheck.PriceAboveBand)]  // 110.05
    [InlineData(9_000, OrderCheck.Ok)]               // 90.00 = 100 x 0.9
    [InlineData(8_995, OrderCheck.PriceBelowBand)]   // 89.95
    public void Percent_price_band_is_inclusive_around_the_reference(long price, OrderCheck expected)
    {
        Assert.Equal(expected, OrderValidator.Check(Xyz, OrderSide.Buy, false, price, 1_010, referencePrice: 10_000));
    }

    [Fact]
    public void Percent_price_by_side_uses_the_bid_band_for_buys_and_the_ask_band_for_sells()
    {
        // ETHBTC at 6/8 decimals... tick 0.000001 -> 6 price decimals, step 0.001 -> 3 quantity decimals.
        // Reference 0.050000 (50_000). Bid band 0.2..1.2 -> [0.010000, 0.060000]; ask band 0.8..5 -> [0.040000, 0.250000].
        Assert.Equal((6, 3), (Eth.PriceDecimals, Eth.QuantityDecimals));
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Eth, OrderSide.Buy, false, 60_000, 1_000, 50_000));
        Assert.Equal(OrderCheck.PriceAboveBand, OrderValidator.Check(Eth, OrderSide.Buy, false, 60_001, 1_000, 50_000));
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Eth, OrderSide.Sell, false, 60_001, 1_000, 50_000));
        Assert.Equal(OrderCheck.PriceBelowBand, OrderValidator.Check(Eth, OrderSide.Sell, false, 39_999, 1_000, 50_000));
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Eth, OrderSide.Buy, false, 10_000, 1_000, 50_000));
        Assert.Equal(OrderCheck.PriceBelowBand, OrderValidator.Check(Eth, OrderSide.Buy, false, 9_999, 1_000, 50_000));
    }

    [Fact]
    public void Market_orders_use_market_lot_size_and_the_reference_for_notional()
    {
        // XYZ has no MARKET_LOT_SIZE; min notional applies to market: 10.10 x reference 1.00 = 10.10 ok, 0.90 -> 9.09 too low.
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Xyz, OrderSide.Buy, true, 0, 1_010, 100));
        Assert.Equal(OrderCheck.NotionalTooLow, OrderValidator.Check(Xyz, OrderSide.Buy, true, 0, 1_010, 90));
        Assert.Equal(OrderCheck.NoReferencePrice, OrderValidator.Check(Xyz, OrderSide.Buy, true, 0, 1_010, 0));
        // ETHBTC: MARKET_LOT_SIZE max 1000 (1_000_000 units); NOTIONAL min does not apply to market orders.
        Assert.Equal(OrderCheck.QuantityTooHigh, OrderValidator.Check(Eth, OrderSide.Buy, true, 0, 1_000_001, 50_000));
        Assert.Equal(OrderCheck.Ok, OrderValidator.Check(Eth, OrderSide.Buy, true, 0, 1_000, 50_000));
    }

    [Fact]
    public void Notional_above_the_maximum_is_refused()
    {
        // ETHBTC max notional 9,000,000 at 6+3 decimals = 9e15 units; 100000 (max price) x 100000 qty = 1e10 > 9e6.
        Assert.Equal(OrderCheck.NotionalTooHigh, OrderValidator.Check(Eth, OrderSide.Buy, false, 100_000_000_000, 100_000_000, 0));
    }

    [Fact]
    public void Checking_allocates_nothing()
    {
        OrderValidator.Check(Xyz, OrderSide.Buy, false, 10_005, 1_010, 10_000);
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 1000; i++) OrderValidator.Check(Xyz, OrderSide.Buy, false, 10_005, 1_010, 10_000);
        }));
    }
}
