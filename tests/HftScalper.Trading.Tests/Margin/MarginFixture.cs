using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Ledger;
using HftScalper.Trading.Margin;

namespace HftScalper.Trading.Tests.Margin;

/// <summary>
/// One BTCUSDT-like USD-M symbol with 2 price and 3 quantity decimals: one account unit is 1e-5 USDT, a tick x a
/// lot is one account unit, 1 BTC = 1000 lots and 30000.00 USDT = 3_000_000 ticks.
/// </summary>
internal sealed class MarginFixture
{
    public const long Btc = 1000;
    public const long Usdt = 100_000; // account units per USDT
    public const long Price30k = 3_000_000;

    public MarginFixture(double equityUsdt, FuturesOptions? options = null, string venue = "binance-usdm")
    {
        Symbols = new SymbolRegistry();
        Symbols.Register("BTCUSDT", venue, 2, 3);
        Ledger = new PositionLedger(Symbols, (long)(equityUsdt * Usdt));
        Orders = new OrderTracker(capacity: 16, maxSymbols: 1);
        Account = new MarginAccount(Symbols, options ?? new FuturesOptions(), Ledger, Orders);
    }

    public SymbolRegistry Symbols { get; }
    public PositionLedger Ledger { get; }
    public OrderTracker Orders { get; }
    public MarginAccount Account { get; }

    /// <summary>Opens (or adds to) a position without fees and marks it at <paramref name="markTicks"/> (bid = ask).</summary>
    public void Hold(long lots, long priceTicks, long markTicks)
    {
        Ledger.ApplyFill(0, lots, priceTicks, 0, 1);
        Ledger.Mark(0, markTicks, markTicks, 1);
        Account.MarkMid(0, markTicks, markTicks);
    }
}
