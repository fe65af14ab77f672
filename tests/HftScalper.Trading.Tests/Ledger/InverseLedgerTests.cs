using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;

namespace HftScalper.Trading.Tests.Ledger;

/// <summary>
/// COIN-M inverse contracts, hand-computed. BTCUSD_PERP: 100 USD contracts, price 1 decimal (40000.0 = 400_000 ticks),
/// whole contracts (0 quantity decimals); amounts in 1e-10 BTC (<see cref="InverseContracts.AmountDecimals"/>).
/// Notional (BTC) = contracts x 100 / price; PnL (BTC) = contracts x 100 x (1/entry - 1/exit); fee = notional x rate.
/// </summary>
public sealed class InverseLedgerTests
{
    private const long Btc = 10_000_000_000; // account units per BTC
    private const long P40k = 400_000, P50k = 500_000, P30k = 300_000;

    private static SymbolRegistry Registry(string venue = "binance-coinm", string name = "BTCUSD_PERP")
    {
        var r = new SymbolRegistry();
        r.Register(name, venue, 1, 0);
        return r;
    }

    private static readonly FeeSchedule CoinM = new(200, 500); // COIN-M VIP 0: 0.02 % maker, 0.05 % taker

    [Fact]
    public void Notional_and_fees_are_coin_amounts_of_contracts_times_size_over_price()
    {
        var a = SymbolAmounts.Create(Registry());

        Assert.True(a.IsInverse(0));
        Assert.Equal(100, a.ContractSizeUsd(0));
        Assert.Equal(InverseContracts.AmountDecimals, a.AmountDecimals(0));
        Assert.Equal(Btc / 40, a.Notional(0, 10, P40k));                              // 10 x 100 / 40000 = 0.025 BTC
        Assert.Equal(-Btc / 40, a.Value(0, 10, P40k));                                // a long's value is negative (1/price)
        Assert.Equal(125_000, a.Fee(0, P40k, 10, CoinM, Liquidity.Taker));            // 0.025 x 0.05 % = 1.25e-5 BTC
        Assert.Equal(50_000, a.Fee(0, P40k, 10, CoinM, Liquidity.Maker));             // 0.025 x 0.02 % = 5e-6 BTC
        Assert.Equal(1, a.LotStep(0));
    }

    [Fact]
    public void Altcoin_contracts_are_10_usd_and_a_configured_size_overrides_binances()
    {
        var eth = SymbolAmounts.Create(Registry(name: "ETHUSD_PERP"));
        var sized = SymbolAmounts.Create(Registry(), contractSizes: new Dictionary<string, long> { ["btcusd_perp"] = 10 });

        Assert.Equal(10, eth.ContractSizeUsd(0));
        Assert.Equal(10, sized.ContractSizeUsd(0));
        Assert.Equal(Btc / 400, sized.Notional(0, 10, P40k)); // 10 x 10 / 40000 = 0.0025 BTC
        Assert.Equal("BTC", InverseContracts.MarginAsset("BTCUSD_211231"));
        Assert.Equal("ETH", InverseContracts.MarginAsset("ETHUSD_PERP"));
        Assert.Equal(SymbolInfo.UnknownQuote, InverseContracts.MarginAsset("BTCUSDT"));
    }

    [Fact]
    public void A_long_realises_contracts_times_size_times_one_over_entry_minus_one_over_exit_in_the_coin()
    {
        var ledger = new PositionLedger(Registry(), Btc); // 1 BTC
        ledger.ApplyFill(0, 10, P40k, 125_000, 1);
        ledger.Mark(0, P50k, P50k, 2);

        // 1000 x (1/40000 - 1/50000) = 0.005 BTC unrealised at the bid
        Assert.Equal(Btc / 200, ledger.UnrealizedPnl);
        Assert.Equal(Btc / 50, ledger.Notional(0)); // 10 x 100 / 50000 = 0.02 BTC at the mark

        ledger.ApplyFill(0, -10, P50k, 100_000, 3);   // exit fee 0.02 x 0.05 % = 1e-5 BTC

        Assert.Equal(Btc / 200, ledger.RealizedPnl);
        Assert.Equal(0, ledger.UnrealizedPnl);
        Assert.Equal(225_000, ledger.Fees);
        Assert.Equal(Btc + Btc / 200 - 225_000, ledger.Equity); // 1.0049775 BTC
        Assert.Equal(1, ledger.Trades.Wins);
    }

    [Fact]
    public void The_same_dollar_move_down_loses_more_coin_than_up_wins_and_a_short_mirrors_it()
    {
        var down = new PositionLedger(Registry(), Btc);
        down.ApplyFill(0, 10, P40k, 0, 1);
        down.ApplyFill(0, -10, P30k, 0, 2);
        var shortUp = new PositionLedger(Registry(), Btc);
        shortUp.ApplyFill(0, -10, P50k, 0, 1);
        Assert.Equal(P50k, shortUp.Position(0).AverageEntryTicks, 6); // prices stay prices
        shortUp.ApplyFill(0, 10, P40k, 0, 2);

        // 1000 x (1/40000 - 1/30000) = -0.00833333333 BTC (each value rounded to 1e-10: 250_000_000 - 333_333_333)
        Assert.Equal(-83_333_333, down.RealizedPnl);
        // short: -1000 x (1/50000 - 1/40000) = +0.005 BTC
        Assert.Equal(Btc / 200, shortUp.RealizedPnl);
    }

    [Fact]
    public void A_partial_close_realises_its_share_and_a_full_close_leaves_nothing_in_the_basis()
    {
        var ledger = new PositionLedger(Registry(), Btc);
        ledger.ApplyFill(0, 3, P40k, 0, 1);
        ledger.ApplyFill(0, -1, P50k, 0, 2); // 100 x (1/40000 - 1/50000) = 0.0005 BTC
        Assert.Equal(5_000_000, ledger.RealizedPnl);
        ledger.ApplyFill(0, -2, P30k, 0, 3); // 200 x (1/40000 - 1/30000) = -0.001666666667 BTC
        Assert.Equal(5_000_000 - 16_666_667, ledger.RealizedPnl);
        Assert.Equal(0, ledger.Position(0).ValueBasis);
        Assert.Equal(0, ledger.Position(0).CostBasis);
    }

    [Fact]
    public void A_linear_symbols_value_is_lots_times_ticks_unchanged()
    {
        var a = SymbolAmounts.Create(Registry("binance-usdm", "BTCUSDT"));

        Assert.False(a.IsInverse(0));
        Assert.Equal(10 * P40k, a.Value(0, 10, P40k));
        Assert.Equal(FeeSchedule.BinanceUsdMDefault.Compute(P40k, 10, Liquidity.Taker), a.Fee(0, P40k, 10, FeeSchedule.BinanceUsdMDefault, Liquidity.Taker));
    }
}

/// <summary>The account's scale covers the traded symbols only: an untraded symbol of very fine scales (generic 8/8)
/// beside them no longer disables the run, and its fills are refused.</summary>
public sealed class TradedAccountUnitsTests
{
    [Fact]
    public void An_untraded_symbol_with_very_fine_scales_takes_no_part_in_the_account_units()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5, quoteAsset: "USDT");
        r.Register("ALTBTC", "binance-spot", 8, 8, quoteAsset: "BTC");

        Assert.False(TradingDesk.TryAccountUnits(r, 100_000, out _, out int all)); // before: every symbol counted
        Assert.Equal(16, all);
        Assert.True(TradingDesk.TryAccountUnits(r, 100_000, out long units, out int traded, [true, false]));
        Assert.Equal(7, traded);
        Assert.Equal(100_000 * 10_000_000L, units);

        var ledger = new PositionLedger(r, units, SymbolAmounts.Create(r, [true, false]));
        Assert.Equal(7, ledger.AccountDecimals);
        Assert.False(ledger.ApplyFill(1, 1, 1, 0, 1));
        Assert.Equal(1, ledger.RejectedFills);
    }
}
