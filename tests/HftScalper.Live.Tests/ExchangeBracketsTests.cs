using HftScalper.Binance.Live;
using HftScalper.Binance.Orders;
using HftScalper.Live;
using HftScalper.Trading.Margin;

namespace HftScalper.Live.Tests;

/// <summary>The maintenance brackets a live futures run uses: the venue's <c>leverageBracket</c> table when it can be
/// used, otherwise the configured one, with one line saying which and why.</summary>
public sealed class ExchangeBracketsTests
{
    private static LeverageBrackets CoinTable(string symbol, params (decimal Cap, int Leverage, decimal Rate)[] rows) => new()
    {
        Symbol = symbol,
        Brackets = [.. rows.Select((r, i) => new LeverageBracket { Bracket = i + 1, QtyCap = r.Cap, InitialLeverage = r.Leverage, MaintMarginRatio = r.Rate })],
    };

    [Fact]
    public void A_coinm_venue_table_replaces_the_coin_brackets_with_caps_in_the_coin()
    {
        var lines = new List<string>();
        var venue = new[] { CoinTable("BTCUSD_PERP", (50m, 125, 0.004m), (9_223_372_036_854_775_807m, 2, 0.25m)) };

        var f = ExchangeBrackets.Resolve(BinanceMarket.CoinMFutures, ["btcusd_perp"], venue, null, new FuturesOptions(), lines.Add);

        Assert.Equal([new MarginBracket { NotionalCap = 50, MaintenanceMarginRate = 0.004, MaxLeverage = 125 },
            new MarginBracket { NotionalCap = 1e12, MaintenanceMarginRate = 0.25, MaxLeverage = 2 }], f.CoinBrackets); // "no cap" kept in range
        Assert.Same(FuturesOptions.BinanceBtcUsdtBrackets, f.Brackets); // the other market's table untouched
        Assert.Equal("coinm: maintenance brackets of BTCUSD_PERP from /dapi/v2/leverageBracket: 2 brackets, 0.40 % up to 50 at 125x ... 25.00 % up to 1000000000000", Assert.Single(lines));
    }

    [Fact]
    public void A_usdm_venue_table_replaces_the_usdt_brackets_with_notional_caps()
    {
        var venue = new[]
        {
            new LeverageBrackets
            {
                Symbol = "BTCUSDT",
                Brackets = [new LeverageBracket { Bracket = 2, NotionalCap = 600_000m, InitialLeverage = 50, MaintMarginRatio = 0.01m },
                    new LeverageBracket { Bracket = 1, NotionalCap = 300_000m, InitialLeverage = 125, MaintMarginRatio = 0.004m }],
            },
        };

        var f = ExchangeBrackets.Resolve(BinanceMarket.UsdMFutures, ["BTCUSDT"], venue, null, new FuturesOptions(), null);

        Assert.Equal([300_000.0, 600_000.0], f.Brackets.Select(b => b.NotionalCap)); // ordered by bracket number
        Assert.Same(FuturesOptions.BinanceBtcUsdBrackets, f.CoinBrackets);
    }

    [Fact]
    public void A_failed_query_keeps_the_configured_table_and_says_why()
    {
        var lines = new List<string>();
        var configured = new FuturesOptions { CoinBrackets = [new MarginBracket { NotionalCap = 10, MaintenanceMarginRate = 0.01, MaxLeverage = 20 }] };

        var f = ExchangeBrackets.Resolve(BinanceMarket.CoinMFutures, ["BTCUSD_PERP"], null, "HTTP 400 -1000 An unknown error", configured, lines.Add);

        Assert.Same(configured, f);
        Assert.Equal("coinm: maintenance brackets: /dapi/v2/leverageBracket answered no table (HTTP 400 -1000 An unknown error); "
            + "the configured futures.coinBrackets stands (1 brackets, 1.00 % up to 10 at 20x ... 1.00 % up to 10)", Assert.Single(lines));
    }

    [Fact]
    public void A_symbol_without_a_table_keeps_the_configured_one()
    {
        var lines = new List<string>();
        var configured = new FuturesOptions();

        var f = ExchangeBrackets.Resolve(BinanceMarket.CoinMFutures, ["ETHUSD_PERP"], [CoinTable("BTCUSD_PERP", (50m, 125, 0.004m))], null, configured, lines.Add);

        Assert.Same(configured, f);
        Assert.Contains("has no table for ETHUSD_PERP", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void Different_tables_for_two_traded_symbols_keep_the_configured_one()
    {
        var lines = new List<string>();
        var configured = new FuturesOptions();
        var venue = new[] { CoinTable("BTCUSD_PERP", (50m, 125, 0.004m)), CoinTable("ETHUSD_PERP", (500m, 75, 0.0065m)) };

        var f = ExchangeBrackets.Resolve(BinanceMarket.CoinMFutures, ["BTCUSD_PERP", "ETHUSD_PERP"], venue, null, configured, lines.Add);

        Assert.Same(configured, f);
        Assert.Contains("different tables for BTCUSD_PERP and ETHUSD_PERP", Assert.Single(lines), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_the_configuration_would_refuse_is_not_used()
    {
        var lines = new List<string>();
        var configured = new FuturesOptions();
        var venue = new[] { CoinTable("BTCUSD_PERP", (50m, 125, 0.05m), (100m, 100, 0.01m)) }; // the rate falls as the cap grows

        var f = ExchangeBrackets.Resolve(BinanceMarket.CoinMFutures, ["BTCUSD_PERP"], venue, null, configured, lines.Add);

        Assert.Same(configured, f);
        Assert.Contains("is not usable (futures.coinBrackets[1].maintenanceMarginRate", Assert.Single(lines), StringComparison.Ordinal);
    }
}
