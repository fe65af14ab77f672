using HftScalper.Core.Symbols;

namespace HftScalper.Core.Tests;

// The one home of "round to the exchange's tick and lot" (SymbolInfo): what the desk and the paper venue rely on.
public sealed class SymbolGridTests
{
    private static readonly SymbolInfo Nickel = new(0, "X", "generic", 2, 3, TickSize: 5, LotSize: 100);

    [Theory]
    [InlineData(1_000, 1_000, 1_000)]     // on the grid: unchanged
    [InlineData(1_001, 1_000, 1_005)]
    [InlineData(1_004, 1_000, 1_005)]
    [InlineData(-3, -5, 0)]               // below zero the grid still steps by the tick
    public void Floor_and_ceiling_land_on_the_nearest_ticks(long price, long floor, long ceiling) =>
        Assert.Equal((floor, ceiling), (Nickel.FloorToTick(price), Nickel.CeilingToTick(price)));

    [Fact]
    public void The_passive_side_is_down_for_a_buy_and_up_for_a_sell() =>
        Assert.Equal((1_000L, 1_005L), (Nickel.PassiveTick(1_002, buy: true), Nickel.PassiveTick(1_002, buy: false)));

    [Theory]
    [InlineData(250, 200)]
    [InlineData(99, 0)]                   // less than a lot: nothing can be sent
    [InlineData(0, 0)]
    public void A_quantity_rounds_down_to_whole_lots(long quantity, long lots) => Assert.Equal(lots, Nickel.FloorToLot(quantity));

    [Fact]
    public void The_grid_checks_say_what_an_exchange_would_refuse()
    {
        Assert.Equal((true, false, true, false), (Nickel.IsOnTick(1_005), Nickel.IsOnTick(1_006), Nickel.IsOnLot(300), Nickel.IsOnLot(301)));
        var unit = new SymbolInfo(0, "Y", "generic", 2, 5);           // tick and lot of one unit: everything is on the grid
        Assert.Equal((1_003L, 1_003L, 7L, true), (unit.FloorToTick(1_003), unit.CeilingToTick(1_003), unit.FloorToLot(7), unit.IsOnTick(1_003)));
    }
}
