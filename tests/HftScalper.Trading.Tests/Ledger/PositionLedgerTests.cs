using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Tests.Ledger;

public sealed class PositionLedgerTests
{
    private const long Day = 86_400_000_000_000;

    private static SymbolRegistry Btc()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5);
        return r;
    }

    [Fact]
    public void Round_trip_realises_the_price_move_and_pays_both_fees()
    {
        // 0.001 BTC bought at 50000.00 and sold at 50010.00: +0.01 USDT, fees 0.05 + 0.050001 USDT.
        var ledger = new PositionLedger(Btc(), initialEquity: 10_000_000_000); // 1000 USDT in 1e-7 units
        var fees = FeeSchedule.BinanceSpotDefault;
        long buyFee = fees.Compute(5_000_000, 100, Liquidity.Taker);
        long sellFee = fees.Compute(5_001_000, 100, Liquidity.Taker);
        ledger.OnExecutionReport(new ExecutionReport { Kind = ExecutionReportKind.Fill, Side = OrderSide.Buy, LastPriceTicks = 5_000_000, LastQuantityLots = 100, Fee = buyFee });
        ledger.OnExecutionReport(new ExecutionReport { Kind = ExecutionReportKind.Fill, Side = OrderSide.Sell, LastPriceTicks = 5_001_000, LastQuantityLots = 100, Fee = sellFee });

        Assert.Equal((500_000L, 500_100L), (buyFee, sellFee));
        ref readonly var p = ref ledger.Position(0);
        Assert.Equal((0L, 0L, 100_000L, 1_000_100L), (p.PositionLots, p.CostBasis, p.RealizedPnl, p.Fees));
        Assert.Equal(10_000_000_000 + 100_000 - 1_000_100, ledger.Equity);
        Assert.Equal((0L, 1L, 900_100L), (ledger.Trades.Wins, ledger.Trades.Losses, ledger.Trades.SumLosses));
    }

    [Fact]
    public void Partial_closes_realise_against_the_average_entry()
    {
        var ledger = new PositionLedger(Btc(), 1_000_000);
        ledger.ApplyFill(0, 3, 100, 0, 0);
        ledger.ApplyFill(0, 1, 104, 0, 0);
        Assert.Equal(101.0, ledger.Position(0).AverageEntryTicks);

        ledger.ApplyFill(0, -2, 110, 0, 0);                    // (110 - 101) x 2 = 18
        Assert.Equal((2L, 202L, 18L), (ledger.Position(0).PositionLots, ledger.Position(0).CostBasis, ledger.Position(0).RealizedPnl));
        ledger.ApplyFill(0, -2, 99, 0, 0);                     // (99 - 101) x 2 = -4
        Assert.Equal((0L, 14L), (ledger.Position(0).PositionLots, ledger.Position(0).RealizedPnl));
        Assert.Equal(1, ledger.Trades.Wins);
    }

    [Fact]
    public void A_fill_through_zero_closes_the_trade_and_opens_the_other_side_marked_conservatively()
    {
        var ledger = new PositionLedger(Btc(), 1_000_000);
        ledger.ApplyFill(0, 2, 100, 0, 0);
        ledger.ApplyFill(0, -5, 110, 5, 0);                    // closes 2 (+20), opens short 3 at 110; fee 2/5 to the close

        ref readonly var p = ref ledger.Position(0);
        Assert.Equal((-3L, -330L, 20L), (p.PositionLots, p.CostBasis, p.RealizedPnl));
        Assert.Equal((1L, 18L), (ledger.Trades.Wins, ledger.Trades.SumWins));

        ledger.Mark(0, 108, 109, 0);                           // a short closes at the ask: 3 x (110 - 109)
        Assert.Equal(3L, ledger.Position(0).UnrealizedPnl);
        Assert.Equal(1_000_000 + 20 - 5 + 3, ledger.Equity);
    }

    [Fact]
    public void High_water_mark_and_drawdown_follow_the_equity()
    {
        var ledger = new PositionLedger(Btc(), 10_000);
        ledger.ApplyFill(0, 10, 100, 0, 0);
        ledger.Mark(0, 110, 111, 0);
        Assert.Equal((10_100L, 10_100L, 0L), (ledger.Equity, ledger.HighWaterMark, ledger.Drawdown));

        ledger.Mark(0, 95, 96, 0);
        Assert.Equal((9_950L, 150L, 150L), (ledger.Equity, ledger.Drawdown, ledger.MaxDrawdown));
        Assert.Equal(150.0 / 10_100, ledger.DrawdownFraction, 12);

        ledger.Mark(0, 120, 121, 0);
        Assert.Equal((10_200L, 0L, 150L), (ledger.HighWaterMark, ledger.Drawdown, ledger.MaxDrawdown));
    }

    [Fact]
    public void Daily_pnl_restarts_at_the_utc_day_boundary()
    {
        var ledger = new PositionLedger(Btc(), 10_000);
        ledger.ApplyFill(0, 10, 100, 0, 5 * Day + 1);
        ledger.Mark(0, 90, 91, 5 * Day + 2);
        Assert.Equal(-100L, ledger.DailyPnl);

        ledger.Mark(0, 92, 93, 6 * Day);                      // new day: starts from the previous close (9_900)
        Assert.Equal((9_900L, 20L), (ledger.DayStartEquity, ledger.DailyPnl));
    }

    [Fact]
    public void Symbols_with_different_scales_add_up_in_account_units()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5);          // quote unit 1e-7
        r.Register("ETHUSDT", "binance-spot", 2, 4);          // quote unit 1e-6
        var ledger = new PositionLedger(r, 1_000_000_000);
        Assert.Equal(7, ledger.AccountDecimals);

        ledger.ApplyFill(1, 10, 300_000, 0, 0);
        ledger.ApplyFill(1, -10, 300_001, 0, 0);              // +10 ETH quote units = +100 account units
        ledger.ApplyFill(0, 1, 100, 0, 0);
        ledger.ApplyFill(0, -1, 107, 0, 0);                   // +7 BTC quote units = +7 account units

        Assert.Equal(107L, ledger.RealizedPnl);
        Assert.Equal(1_000_000_107L, ledger.Equity);
        Assert.Equal(10_000_000_000L, ledger.ToAccountUnits(1000.0));
    }

    [Fact]
    public void Bad_fills_are_counted_and_change_nothing()
    {
        var ledger = new PositionLedger(Btc(), 10_000);
        Assert.False(ledger.ApplyFill(5, 1, 100, 0, 0));
        Assert.False(ledger.ApplyFill(0, 1, 0, 0, 0));
        Assert.Equal((2L, 10_000L), (ledger.RejectedFills, ledger.Equity));
    }
}
