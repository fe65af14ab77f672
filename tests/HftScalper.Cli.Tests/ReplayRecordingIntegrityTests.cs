using System.Text.Json.Nodes;
using HftScalper.Tests.Shared;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>replay</c> judges a recording of another market or of several symbols as it is: a USD-M recording replays under
/// its own market (the futures sync rule and fees; it had replayed under spot's, with gaps and spot fees, exit 0), every
/// symbol of a multi-symbol file is traded (only the first one met was: the others' decisions had no verdict), and a
/// run that trades nothing says why (<c>tradingDisabled</c>, <c>untradedDecisions</c>) and still fingerprints its
/// decisions (every such run had the same digest); an event journal converted from a multi-symbol file, whose later
/// segments bring the later symbols, replays to its recording's digest (its later symbols were untraded too); COIN-M
/// inverse contracts trade with their own arithmetic in an account of their coin (they had traded with the desk's linear
/// arithmetic: 18 orders, a 16,596 "USD" notional; then not at all).
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayRecordingIntegrityTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string[] Pair(string exchange) =>
        [TestData.Path("binance", "cryptofeed", exchange + ".http.0.0.gz"), TestData.Path("binance", "cryptofeed", exchange + ".ws.1.0.gz")];

    private static JsonObject Replay(params string[] args)
    {
        var run = Hft.Run(["replay", .. args, "--quiet", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return run.SingleJson();
    }

    [RequiresDataFact]
    public void A_usdm_recording_replays_under_its_own_market_without_market_given()
    {
        var o = Replay([.. Pair("BINANCE_FUTURES"), "--no-model"]);

        Assert.Equal("usdm", (string?)o["edge"]!["market"]);
        Assert.Equal(0, (long)o["gaps"]!);
        Assert.Equal(Replay([.. Pair("BINANCE_FUTURES"), "--no-model", "--market", "usdm"])["digest"]!.ToString(), o["digest"]!.ToString());
    }

    [RequiresDataFact]
    public void A_market_the_recording_contradicts_is_refused() =>
        ContractAssert.InputError(["replay", .. Pair("BINANCE_DELIVERY"), "--market", "spot"], "is a coinm recording, but --market spot was given");

    [RequiresDataFact]
    public void A_journal_converted_from_a_recording_of_many_symbols_keeps_each_snapshot_on_its_symbol()
    {
        // COIN-M, 10 contracts: symbols met after the first segment opened were missing from its header, so their REST
        // snapshot frames kept conversion-time ids that named other symbols on replay (2 crossed books, 2 lost syncs).
        string journal = Path.Combine(_dir, "coinm");
        var convert = Hft.Run(["convert", .. Pair("BINANCE_DELIVERY"), "--out", journal]);
        Assert.True(convert.ExitCode == 0, convert.ToString());

        var check = Hft.Run(["book-check", journal, "--json"]);

        Assert.True(check.ExitCode == 0, check.ToString());
        var o = check.SingleJson();
        Assert.Equal("coinm", (string?)o["market"]);
        Assert.Equal((long)o["tickerChecked"]!, (long)o["tickerMatched"]!);
    }

    [RequiresDataFact]
    public void An_event_journal_of_a_futures_recording_replays_under_its_market()
    {
        // The event journal's header names its venue, but replay read every event format as spot: a USD-M journal synced
        // its depth under spot's U/u rule (4 gaps) and traded nothing at spot fees, exit 0.
        string journal = ConvertToEvents("usdm-events", Pair("BINANCE_FUTURES"));

        var fromFiles = Replay([.. Pair("BINANCE_FUTURES"), "--no-model"]);
        var fromJournal = Replay(journal, "--no-model");

        Assert.Equal("usdm", (string?)fromJournal["edge"]!["market"]);
        Assert.Equal(0, (long)fromJournal["gaps"]!);
        Assert.Equal((long)fromFiles["orders"]!, (long)fromJournal["orders"]!);
        Assert.Equal(fromFiles["digest"]!.ToString(), fromJournal["digest"]!.ToString());
    }

    [RequiresDataTheory]
    [InlineData("BINANCE")]
    [InlineData("BINANCE_FUTURES")]
    public void Every_snapshot_of_a_symbol_of_unknown_filters_parses_at_the_scales_inferred_for_it(string exchange)
    {
        // NKNUSDT (spot) and CTKUSDT (USD-M) have unknown filters: their scales were inferred from their stream alone,
        // whose prices were coarser than their snapshot's, so the snapshot was rejected as input damage and the symbol
        // never synced (every decision bookNotSynced), exit 0.
        var o = Replay([.. Pair(exchange), "--no-model"]);

        Assert.Equal(0, (long)o["parseRejected"]!);
        Assert.Equal(0, (long)o["inputDamage"]!["rejectedFrames"]!);
    }

    [Fact]
    public void A_binance_csv_of_a_fine_tick_symbol_is_traded()
    {
        // A DOGEUSDT CSV registered at the table's 5 price + 8 quantity decimals, too fine for the account: the run
        // traded nothing (tradingDisabled), exit 0; its quantities now take the decimals the rows use, as in a recording.
        string csv = Path.Combine(_dir, "DOGEUSDT-bookTicker-2025-01-02.csv");
        var rows = Enumerable.Range(0, 200).Select(i =>
            $"{i + 1},0.3{1000 + i % 7},{100 + i}.5,0.3{1001 + i % 7},{80 + i},{1735776000000 + i * 250},{1735776000000 + i * 250}");
        File.WriteAllText(csv, string.Join('\n', rows) + "\n");

        var o = Replay(csv, "--no-model");

        Assert.Null(o["tradingDisabled"]);
        Assert.Equal(0, (long)o["untradedDecisions"]!);
    }

    [Fact]
    public void Every_symbol_of_a_multi_symbol_file_is_traded_not_only_the_first_one_met()
    {
        string file = Path.Combine(_dir, "three.gz");
        var sim = Hft.Run(["simulate", "--minutes", "1", "--seed", "3", "--symbols", "ethusdt,btcusdt,solusdt", "--out", file]);
        Assert.True(sim.ExitCode == 0, sim.ToString());

        var o = Replay(file, "--no-model");

        long decisions = (long)o["decisions"]!;
        long judged = o["riskVerdicts"]!.AsObject().Sum(kv => (long)kv.Value!);
        Assert.Equal(0, (long)o["untradedDecisions"]!);
        Assert.Equal(decisions, judged);
        Assert.Null(o["tradingDisabled"]);
    }

    // Converts inputs into an event journal in a new folder of the test's directory.
    private string ConvertToEvents(string name, params string[] inputs)
    {
        string journal = Path.Combine(_dir, name);
        var convert = Hft.Run(["convert", .. inputs, "--out", journal, "--to", "events"]);
        Assert.True(convert.ExitCode == 0, convert.ToString());
        return journal;
    }

    // Half a simulated minute of symbols, replayed without a model from the file and from its event journal.
    private (JsonObject FromFile, JsonObject FromJournal) SimulatedFileAndItsEventJournal(string symbols)
    {
        string file = Path.Combine(_dir, symbols.Replace(',', '-') + ".gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "0.5", "--seed", "3", "--symbols", symbols, "--out", file]).ExitCode);
        string journal = ConvertToEvents(symbols.Replace(',', '-') + "-events", file);
        return (Replay(file, "--no-model"), Replay(journal, "--no-model"));
    }

    [Fact]
    public void An_event_journal_whose_later_segments_add_symbols_replays_as_its_recording()
    {
        var (fromFile, fromJournal) = SimulatedFileAndItsEventJournal("ethusdt,btcusdt");

        Assert.Equal(0, (long)fromJournal["untradedDecisions"]!);
        Assert.Equal(fromFile["digest"]!.ToString(), fromJournal["digest"]!.ToString());
    }

    [Fact]
    public void An_event_journal_of_a_fine_tick_symbol_replays_traded_as_its_recording()
    {
        // DOGEUSDT's table scales (5 price + 8 quantity decimals) are too fine for the account: replay coarsens its
        // quantities to the recording's, but convert --to events stored them at 8 and the journal replayed untraded, exit 0.
        var (fromFile, fromJournal) = SimulatedFileAndItsEventJournal("dogeusdt");

        Assert.Null(fromJournal["tradingDisabled"]);
        Assert.True((long)fromFile["orders"]! > 0);
        Assert.Equal((long)fromFile["orders"]!, (long)fromJournal["orders"]!);
        Assert.Equal(fromFile["digest"]!.ToString(), fromJournal["digest"]!.ToString());
    }

    [Fact]
    public void Coin_m_inverse_contracts_trade_in_the_coin_with_attribution_summing_to_the_pnl()
    {
        string config = Path.Combine(_dir, "coin.json");
        File.WriteAllText(config, """{ "initialEquity": 1 }""");
        string trades = Path.Combine(_dir, "coin-trades.csv");
        var o = Replay("--sim-minutes", "1", "--market", "coinm", "--sim-symbols", "btcusd_perp", "--no-model", "--config", config, "--trades", trades);

        Assert.Null(o["tradingDisabled"]);
        Assert.Equal("BTC", (string?)o["accountAsset"]);
        // The trades file's fee column is the coin (its prices are USD, its quantities contracts): labelled, and its fees are the run's.
        Assert.Equal("BTC", (string?)o["tradesFile"]!["feeAsset"]);
        var (rows, _) = HftScalper.Reporting.Fills.TradesFile.Read(trades);
        Assert.Equal((double)o["attribution"]!["feesPaid"]!, rows.Sum(r => r.Fee), 12);
        Assert.True((long)o["orders"]! > 0);
        var a = o["attribution"]!;
        double notional = (double)a["notional"]!, fees = (double)a["feesPaid"]!, pnl = (double)o["pnl"]!;
        // every fill a taker at COIN-M VIP 0 (0.05 %) of its coin notional: a few contracts of 100 USD are a fraction of a BTC
        Assert.Equal(0.0005, fees / notional, 6);
        Assert.InRange(notional, 1e-4, 10);
        Assert.InRange(Math.Abs((double)a["residual"]!), 0, 1e-8);
        var usd = o["accountAssetUsd"]!;
        Assert.Equal("BTCUSD_PERP", (string?)usd["symbol"]);
        Assert.Equal(pnl * (double)usd["price"]!, (double)o["pnlUsd"]!, 9);
    }

    [Fact]
    public void The_simulators_coin_m_market_trades_whole_contracts_deterministically()
    {
        // The simulator registered the profile's 5 quantity decimals at COIN-M, filling 0.04471 contract: Binance
        // COIN-M trades whole contracts (step 1), as its recordings register them.
        string config = Path.Combine(_dir, "whole.json");
        File.WriteAllText(config, """{ "initialEquity": 1 }""");
        string trades = Path.Combine(_dir, "whole-trades.csv");
        string[] args = ["--sim-minutes", "2", "--market", "coinm", "--sim-symbols", "btcusd_perp", "--no-model", "--config", config];
        var o = Replay([.. args, "--trades", trades]);

        Assert.Null(o["tradingDisabled"]);
        Assert.True((long)o["orders"]! > 0);
        var (rows, _) = HftScalper.Reporting.Fills.TradesFile.Read(trades);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.True(r.Quantity >= 1 && r.Quantity == Math.Round(r.Quantity), $"fill of {r.Quantity} contracts"));
        Assert.InRange(Math.Abs((double)o["attribution"]!["residual"]!), 0, 1e-8);
        Assert.Equal(o["digest"]!.ToString(), Replay(args)["digest"]!.ToString());
    }

    [Fact]
    public void A_coin_m_contract_whose_name_says_no_margin_coin_is_not_traded()
    {
        var o = Replay("--sim-minutes", "1", "--market", "coinm", "--no-model"); // the simulator's BTCUSDT on the COIN-M venue

        Assert.Contains("BTCUSDT: COIN-M contract whose margin coin its name does not say", (string?)o["tradingDisabled"], StringComparison.Ordinal);
        Assert.Equal(0, (long)o["orders"]!);
        Assert.Equal((long)o["decisions"]!, (long)o["untradedDecisions"]!);
    }

    [RequiresDataFact]
    public void A_coin_m_recording_of_several_coins_trades_the_account_coins_contracts_and_names_the_others()
    {
        string config = Path.Combine(_dir, "btc.json");
        File.WriteAllText(config, """{ "accountAsset": "BTC", "initialEquity": 1 }""");
        var o = Replay([.. Pair("BINANCE_DELIVERY"), "--no-model", "--config", config]);

        Assert.Equal("BTC", (string?)o["accountAsset"]);
        Assert.Null(o["tradingDisabled"]);
        Assert.True((long)o["orders"]! > 0);
        Assert.StartsWith("COIN-M inverse contract margined in ETH, not the account's BTC", (string?)o["untradedReasons"]!["ETHUSD_210924"], StringComparison.Ordinal);
        Assert.Null(o["untradedReasons"]!["BTCUSD_211231"]);
        Assert.Equal("BTCUSD_211231", (string?)o["accountAssetUsd"]!["symbol"]);
        Assert.InRange((double)o["attribution"]!["notional"]!, 1e-4, 10); // BTC, not contracts x price
    }

    [Fact]
    public void A_known_symbol_whose_table_scales_are_too_fine_for_the_account_trades_at_the_recordings_quantity_decimals()
    {
        // XRPUSDT's table keeps Binance's 8 quantity decimals at a 4-decimal tick: 12 decimals of the quote asset, too
        // fine for 64-bit account totals at 100,000, which disabled trading for the whole run. Its quantities now take
        // the recording's finest decimals (the simulator prints 5); the tick and minimum notional stay the exchange's.
        string file = Path.Combine(_dir, "xrp.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "2", "--symbols", "xrpusdt", "--out", file]).ExitCode);

        var run = Hft.Run(["replay", file, "--no-model", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var o = run.SingleJson();

        Assert.Null(o["tradingDisabled"]);
        Assert.Contains("XRPUSDT: quantities at 5 decimals, the finest the recording uses", run.Stderr, StringComparison.Ordinal);
        Assert.True((long)o["orders"]! > 0, run.ToString());
        Assert.Equal(0, (long)o["untradedDecisions"]!);
    }

    [Fact]
    public void A_symbol_of_unknown_filters_trades_at_the_scales_its_recording_uses_and_says_so()
    {
        // FOOUSDT is in no filter table: its scales come from the recording (the simulator's default profile: tick 0.01,
        // lot 1e-5), not the generic 10^-8 that made its quote amounts too fine for the account and disabled trading.
        string a = Path.Combine(_dir, "a.gz"), b = Path.Combine(_dir, "b.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "2", "--seed", "4", "--symbols", "foousdt", "--out", a]).ExitCode);
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "2", "--seed", "5", "--symbols", "foousdt", "--out", b]).ExitCode);

        var run = Hft.Run(["replay", a, "--no-model", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        var first = run.SingleJson();
        var second = Replay(b, "--no-model");

        Assert.Null(first["tradingDisabled"]);
        Assert.Contains("FOOUSDT: exchange filters unknown; price and quantity scales taken from the recording (2 and 5 decimals", run.Stderr, StringComparison.Ordinal);
        Assert.True((long)first["orders"]! > 0, run.ToString());
        Assert.Equal(0, (long)first["untradedDecisions"]!);
        Assert.True((long)first["decisions"]! > 0);
        Assert.NotEqual(first["digest"]!.ToString(), second["digest"]!.ToString());
    }

    [Fact]
    public void A_symbol_of_unknown_filters_and_unknown_quote_asset_fails_closed()
    {
        // FOOXYZ's name ends in no quote asset: taking its amounts as the account's USDT could add another asset's to equity.
        string file = Path.Combine(_dir, "xyz.gz");
        Assert.Equal(0, Hft.Run(["simulate", "--minutes", "2", "--seed", "4", "--symbols", "fooxyz", "--out", file]).ExitCode);

        var o = Replay(file, "--no-model");

        Assert.Contains("no symbol is quoted in the account's USDT (FOOXYZ: quote asset unknown", (string?)o["tradingDisabled"], StringComparison.Ordinal);
        Assert.Contains("quote asset unknown", (string?)o["untradedReasons"]!["FOOXYZ"], StringComparison.Ordinal);
        Assert.Equal("notTraded", (string?)o["stopReason"]);
        Assert.Equal(0, (long)o["orders"]!);
        Assert.Equal((long)o["decisions"]!, (long)o["untradedDecisions"]!);
    }

    [Fact]
    public void Observed_scales_are_the_finest_decimals_of_prices_and_quantities_in_market_messages()
    {
        var o = new HftScalper.Recording.Replay.ObservedScales();
        o.Add("""{"stream":"x@depth@100ms","data":{"e":"depthUpdate","E":1,"s":"X","U":1,"u":2,"b":[["35.69000000","54.79525000"]],"a":[["35.70000000","0.00000000"]]}}"""u8);
        Assert.Equal((2, 5), (o.PriceDecimals, o.QuantityDecimals));
        o.Add("""{"stream":"x@trade","data":{"e":"trade","E":1,"s":"X","t":5,"p":"35.71500000","q":"1.00000000","T":1,"m":true}}"""u8);
        Assert.Equal((3, 5), (o.PriceDecimals, o.QuantityDecimals));
        o.Add("""{"stream":"x@bookTicker","data":{"u":3,"s":"X","b":"35.70000000","B":"2.1234567","a":"35.72","A":"9"}}"""u8);
        Assert.Equal((3, 7), (o.PriceDecimals, o.QuantityDecimals));
        o.Add("""{"lastUpdateId":9,"bids":[["35.6","3.5"]],"asks":[["35.8","7"],["36.1","0.12345678"]]}"""u8);
        Assert.Equal((3, 8), (o.PriceDecimals, o.QuantityDecimals));
        o.Add("""{"stream":"x@depth","data":{"b":[["35.6"""u8); // torn: what was read stands, nothing thrown
        Assert.Equal((3, 8), (o.PriceDecimals, o.QuantityDecimals));
        Assert.Equal(0, HftScalper.Recording.Replay.ObservedScales.Decimals("100"u8));
        Assert.Equal(0, HftScalper.Recording.Replay.ObservedScales.Decimals("100.000"u8));
        Assert.Equal(-1, HftScalper.Recording.Replay.ObservedScales.Decimals("1e5"u8));
    }
}
