using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;

namespace HftScalper.Trading.Tests.Margin;

/// <summary>
/// COIN-M margin, liquidation and funding, hand-computed from Binance's COIN-M liquidation formula
/// LP = (N x MMR + side x N) / (WB - TMM1 + UPNL1 + cumB + side x N / EP): 1000 BTCUSD_PERP contracts (N = 100,000 USD)
/// at 50000.0, a 1 BTC wallet, cross margin; the coin notional 2 BTC is in the first BTCUSD bracket (0.4 %, cum 0).
/// Amounts in 1e-10 BTC; prices in ticks of 0.1.
/// </summary>
public sealed class InverseMarginTests
{
    private const long Btc = 10_000_000_000;
    private const long P50k = 500_000;

    private static (PositionLedger Ledger, MarginAccount Account) Hold(long contracts, long walletBtcUnits, FuturesOptions? options = null)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSD_PERP", "binance-coinm", 1, 0);
        var ledger = new PositionLedger(symbols, walletBtcUnits);
        var account = new MarginAccount(symbols, options ?? new FuturesOptions(), ledger, new OrderTracker(capacity: 16, maxSymbols: 1));
        ledger.ApplyFill(0, contracts, P50k, 0, 1);
        ledger.Mark(0, P50k, P50k, 1);
        account.MarkMid(0, P50k, P50k);
        return (ledger, account);
    }

    [Fact]
    public void A_coin_m_long_liquidates_where_the_coin_balance_meets_maintenance()
    {
        var (_, account) = Hold(1000, Btc);

        // 100000 x 1.004 / (1 + 2) = 33466.666... -> 33466.7 (a long's price is rounded up)
        Assert.True(account.IsMargined(0));
        Assert.Equal(334_667L, account.LiquidationPriceTicks(0));
        Assert.Equal(Btc / 10, account.InitialMargin(0));              // 2 BTC / 20x = 0.1 BTC
        Assert.Equal(8 * Btc / 1000, account.MaintenanceMargin(0));    // 2 BTC x 0.4 % = 0.008 BTC
    }

    [Fact]
    public void A_coin_m_short_liquidates_above_and_one_whose_balance_covers_its_entry_value_never_does()
    {
        var (_, thin) = Hold(-1000, Btc);
        var (_, covered) = Hold(-1000, 3 * Btc);

        // 100000 x (0.004 - 1) / (1 - 2) = 99600.0 exactly
        Assert.Equal(996_000L, thin.LiquidationPriceTicks(0));
        // a short's loss is bounded by its entry value (2 BTC) as the price rises without bound: 3 BTC covers it
        Assert.Equal(long.MaxValue, covered.LiquidationPriceTicks(0));
        Assert.False(covered.NearLiquidation(0));
    }

    [Fact]
    public void The_inverse_formula_matches_its_definition_margin_balance_equals_maintenance_at_the_price()
    {
        // At LP: WB + N (1/EP - 1/LP) = N / LP x MMR (cum 0), for the long above: 1 + 2 - 100000/LP x 1.004 = 0
        long lp = LiquidationPrice.ComputeInverse(+1, 1000, 2 * Btc, 10_000_000_000_000, Btc, 0, 0, 0, 4_000);
        double price = lp / 10.0;
        Assert.Equal(0, 1 + 2 - 100_000 / price * 1.004, 5);
    }

    [Fact]
    public void Coin_m_funding_is_paid_on_the_coin_notional_at_the_mark()
    {
        var (ledger, account) = Hold(1000, Btc);
        const long hour = 3_600_000_000_000;

        account.AdvanceTo(1);            // starts the clock
        account.AdvanceTo(8 * hour + 1); // crosses 08:00 UTC at the default 0.01 %

        // a long pays 2 BTC x 0.0001 = 0.0002 BTC
        Assert.Equal(-2 * Btc / 10_000, ledger.Funding);
        Assert.Equal(1, account.FundingPayments);
    }
}
