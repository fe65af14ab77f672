using HftScalper.Core.Events;
using HftScalper.Core.Symbols;
using HftScalper.Native;
using HftScalper.Trading.Execution;
using HftScalper.Trading.Margin;
using HftScalper.Trading.Risk;
using HftScalper.Trading.Signals;
using HftScalper.Trading.Tests.Execution;
using static HftScalper.Trading.Tests.Execution.Market;

namespace HftScalper.Trading.Tests.Margin;

// The desk on COIN-M BTCUSD_PERP (100 USD contracts, price 1 decimal, whole contracts) quoted 39999.9 / 40000.0 through
// a real paper exchange at COIN-M VIP 0 fees, a 1 BTC account: sizes, fees and PnL are coin amounts.
public sealed class InverseDeskTests
{
    private const long T0 = 1_000_000_000_000;
    private const long Btc = 10_000_000_000;

    private static TradingDesk Desk(NativeOrderBook book, RiskOptions risk)
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSD_PERP", "binance-coinm", 1, 0);
        var options = new TradingDeskOptions { InitialEquity = 1, Risk = risk, Fees = new FeeSchedule(200, 500) };
        return new TradingDesk(symbols, options, new HandBookVenue(book, new PaperExchangeOptions { Fees = new FeeSchedule(200, 500) }, withSymbols: true));
    }

    private static RiskVerdict Decide(TradingDesk desk, SignalDirection d, long t, out OrderRequest order)
    {
        var signal = new Signal { SymbolId = 0, Direction = d, Confidence = 0.6f, Source = SignalSource.Model, TimeNs = t };
        var view = new RiskMarketView { BookSynced = true, ModelHealthy = true, BidTicks = 399_999, AskTicks = 400_000, LastEventTimeNs = t };
        return desk.Decide(in signal, in view, t, out order);
    }

    [Fact]
    public void A_long_of_whole_contracts_pays_its_fee_in_the_coin_and_the_account_is_in_the_coin()
    {
        using var book = Book((Side.Bid, 399_999, 1_000), (Side.Ask, 400_000, 1_000));
        var desk = Desk(book, new RiskOptions { MinPositionLots = 10, MaxSizeLots = 10, MaxDrawdownFraction = 0.99, DailyLossFraction = 0.99 });

        Assert.Equal(RiskVerdict.Accept, Decide(desk, SignalDirection.Long, T0, out var order));
        desk.OnMarketEvent(Level(T0 + 5_000_000, Side.Bid, 399_998, 1));
        desk.OnMarketEvent(Level(T0 + 10_000_000, Side.Bid, 399_998, 2));

        Assert.Equal(10L, order.QuantityLots);
        Assert.Equal(10L, desk.Ledger.Position(0).PositionLots);
        Assert.Equal(10, desk.Ledger.AccountDecimals);
        Assert.Equal(125_000L, desk.Ledger.Fees);             // 10 x 100 / 40000 = 0.025 BTC x 0.05 % = 1.25e-5 BTC
        Assert.NotNull(desk.Margin);                          // COIN-M is margined
        // marked at the bid 39999.9: 1000 x (1/40000 - 1/39999.9) = -6.25e-8 BTC unrealised, minus the fee
        Assert.Equal(1.0 - 1.25e-5 - 6.25e-8, desk.Equity, 10);
    }

    [Fact]
    public void Kelly_sizes_whole_contracts_from_the_coin_equity()
    {
        using var book = Book((Side.Bid, 399_999, 1_000), (Side.Ask, 400_000, 1_000));
        // 10 % of 1 BTC = 0.1 BTC at 40000 = 4000 USD = 40 contracts (each worth 0.0025 BTC)
        var desk = Desk(book, new RiskOptions { KellyFraction = 1, MaxEquityFraction = 0.10, MaxDrawdownFraction = 0.99, DailyLossFraction = 0.99 });

        Assert.Equal(RiskVerdict.Accept, Decide(desk, SignalDirection.Long, T0, out var order));
        Assert.Equal(40L, order.QuantityLots);
    }
}
