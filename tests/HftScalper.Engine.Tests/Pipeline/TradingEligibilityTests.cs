using HftScalper.Core.Symbols;
using HftScalper.Engine.Composition;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>The USDT account trades only symbols whose amounts are USDT amounts, per symbol; the rest say why.</summary>
public sealed class TradingEligibilityTests
{
    private static SymbolRegistry Registry()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5, quoteAsset: "USDT");
        r.Register("ETHBTC", "binance-spot", 5, 4, quoteAsset: "BTC");
        r.Register("BTCFDUSD", "binance-spot", 2, 5, quoteAsset: "FDUSD");
        r.Register("FOOXYZ", "binance-spot", 2, 5, quoteAsset: SymbolInfo.UnknownQuote);
        r.Register("AAPL", "generic", 4, 0); // a generic source states no quote: its currency is the account's
        return r;
    }

    [Fact]
    public void Only_symbols_quoted_in_the_account_asset_trade_each_other_says_why()
    {
        var t = TradingEligibility.Decide(Registry(), new TradingOptions());

        Assert.Null(t.RunDisabled);
        Assert.Equal([true, false, false, false, true], Enumerable.Range(0, 5).Select(t.IsTraded));
        Assert.StartsWith("quoted in BTC, not the account's USDT", t.Reason(1), StringComparison.Ordinal);
        Assert.StartsWith("quoted in FDUSD, not the account's USDT", t.Reason(2), StringComparison.Ordinal);
        Assert.StartsWith("quote asset unknown", t.Reason(3), StringComparison.Ordinal);
        Assert.Null(t.Reason(0));
        Assert.Equal(TradingEligibility.LateReason, t.Reason(5)); // registered after the start
        Assert.False(t.IsTraded(5));
    }

    [Fact]
    public void A_pegged_quote_asset_trades_as_the_account_asset()
    {
        var t = TradingEligibility.Decide(Registry(), new TradingOptions { PeggedQuotes = ["FDUSD"] });

        Assert.True(t.IsTraded(2));
        Assert.False(t.IsTraded(1));
    }

    [Fact]
    public void No_symbol_in_the_account_asset_disables_the_run_and_a_refusal_disables_it_first()
    {
        var r = new SymbolRegistry();
        r.Register("ETHBTC", "binance-spot", 5, 4, quoteAsset: "BTC");

        var none = TradingEligibility.Decide(r, new TradingOptions());
        var refused = TradingEligibility.Decide(Registry(), new TradingOptions { Refused = "fees unknown" });

        Assert.StartsWith("no symbol is quoted in the account's USDT (ETHBTC: quoted in BTC", none.RunDisabled, StringComparison.Ordinal);
        Assert.False(none.IsTraded(0));
        Assert.Equal("fees unknown", refused.RunDisabled);
        Assert.False(refused.IsTraded(0));
        Assert.Equal(TradingEligibility.RunDisabledReason, refused.Reason(0));
    }
}

/// <summary>COIN-M: the account is the coin (one margin asset per account, coins never added together), and only the
/// traded symbols' scales size the account units.</summary>
public sealed class CoinMarginedEligibilityTests
{
    private static SymbolRegistry CoinM(params string[] names)
    {
        var r = new SymbolRegistry();
        foreach (var n in names) r.Register(n, "binance-coinm", 2, 0, quoteAsset: "USD");
        return r;
    }

    [Fact]
    public void A_coin_m_run_trades_in_the_first_contracts_coin_and_names_the_contracts_of_other_coins()
    {
        var t = TradingEligibility.Decide(CoinM("BTCUSD_PERP", "BTCUSD_211231", "ETHUSD_PERP"), new TradingOptions());

        Assert.Null(t.RunDisabled);
        Assert.Equal("BTC", t.AccountAsset);
        Assert.Equal([true, true, false], Enumerable.Range(0, 3).Select(t.IsTraded));
        Assert.StartsWith("COIN-M inverse contract margined in ETH, not the account's BTC", t.Reason(2), StringComparison.Ordinal);
    }

    [Fact]
    public void A_configured_account_asset_picks_the_coin_and_a_usdt_account_trades_no_coin_margined_contract()
    {
        var eth = TradingEligibility.Decide(CoinM("BTCUSD_PERP", "ETHUSD_PERP"), new TradingOptions { AccountAsset = "eth" });
        var usdt = TradingEligibility.Decide(CoinM("BTCUSD_PERP"), new TradingOptions { AccountAsset = "USDT" });

        Assert.Equal("ETH", eth.AccountAsset);
        Assert.Equal([false, true], Enumerable.Range(0, 2).Select(eth.IsTraded));
        Assert.StartsWith("no symbol is quoted in the account's USDT (BTCUSD_PERP: COIN-M inverse contract margined in BTC", usdt.RunDisabled, StringComparison.Ordinal);
    }

    [Fact]
    public void An_untraded_symbol_with_very_fine_scales_no_longer_disables_the_run()
    {
        var r = new SymbolRegistry();
        r.Register("BTCUSDT", "binance-spot", 2, 5, quoteAsset: "USDT");
        r.Register("ALTBTC", "binance-spot", 8, 8, quoteAsset: "BTC"); // 16 decimals: too fine for 64-bit totals at 100,000

        var t = TradingEligibility.Decide(r, new TradingOptions());

        Assert.Null(t.RunDisabled);
        Assert.True(t.IsTraded(0));
        Assert.StartsWith("quoted in BTC", t.Reason(1), StringComparison.Ordinal);
    }
}

/// <summary>A run trading BTCUSDT beside an untraded ETHBTC: the untraded symbol's decisions carry the account's equity
/// as it is, not the starting equity (the equity curve, drawdown and Sharpe are read from the decisions).</summary>
public sealed class UntradedSymbolEquityTests
{
    private sealed class EquityObserver : IRunObserver
    {
        public readonly List<(int Symbol, double Equity)> Seen = [];

        public void OnDecision(in DecisionOutcome outcome, ReadOnlySpan<float> scores) => Seen.Add((outcome.SymbolId, outcome.Equity));

        public void OnRoundTrip(in RoundTrip trip) { }

        public void OnWarmupEnded() { }
    }

    [Fact]
    public void Decisions_of_an_untraded_symbol_carry_the_current_equity()
    {
        var registry = new SymbolRegistry();
        var options = HftScalper.Simulator.SimulatorOptions.For("btcusdt,ethbtc", TimeSpan.FromMinutes(2), 4);
        foreach (var p in options.Symbols)
            registry.Register(p.Symbol, "binance-spot", p.PriceDecimals, p.QuantityDecimals, quoteAsset: p.Symbol == "ETHBTC" ? "BTC" : "USDT");
        var observer = new EquityObserver();
        using var source = new HftScalper.Recording.Replay.ReplaySource(HftScalper.Recording.Replay.ReplayFormat.Unknown,
            new HftScalper.Simulator.MarketSimulatorSource(options, registry));

        var result = new TradingPipeline(registry, new PipelineOptions(), new SingleModelSource(null), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            new PipelineHooks { Observer = observer }).Run(source.Feed(registry, "binance-spot"));

        Assert.True(result.Trading.UntradedDecisions > 0);
        Assert.Contains("ETHBTC", result.Trading.UntradedReasons.Keys);
        int eth = registry.TryGet("ETHBTC", out var e) ? e!.Id : -1;
        bool moved = false;
        int afterMove = 0;
        foreach (var (symbol, equity) in observer.Seen)
        {
            if (symbol != eth)
            {
                moved |= equity != 100_000;
                continue;
            }
            if (!moved) continue;
            Assert.NotEqual(100_000, equity); // the desk's equity (fees paid), not a jump back to the start
            afterMove++;
        }
        Assert.True(afterMove > 0, "the desk's equity never moved before an ETHBTC decision");
    }
}
