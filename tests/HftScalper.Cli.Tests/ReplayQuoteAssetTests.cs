using System.Globalization;
using System.IO.Compression;
using System.Text.Json.Nodes;

namespace HftScalper.Cli.Tests;

/// <summary>
/// <c>replay</c> trades one USDT account: a symbol quoted in another asset (ETHBTC in BTC, BTCFDUSD in FDUSD) is not
/// traded, per symbol, and says why (<c>untradedReasons</c>); the run's USDT symbols still trade. It had traded ETHBTC into
/// the USDT account, adding BTC amounts to USDT equity. A quote asset declared pegged (<c>peggedQuotes</c>) trades 1:1.
/// A Binance.US recording replays under its own venue: no binance.com filters, and no trading without stated fees.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class ReplayQuoteAssetTests : IDisposable
{
    private readonly string _dir = Hft.TempDir();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Simulate(string symbols, int seed = 4)
    {
        string file = Path.Combine(_dir, $"{symbols.Replace(',', '-')}-{seed}.gz");
        var run = Hft.Run(["simulate", "--minutes", "2", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--symbols", symbols, "--out", file]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return file;
    }

    private static (JsonObject Json, HftRun Run) Replay(params string[] args)
    {
        var run = Hft.Run(["replay", .. args, "--no-model", "--json"]);
        Assert.True(run.ExitCode == 0, run.ToString());
        return (run.SingleJson(), run);
    }

    private static List<string[]> Trades(string csv) =>
        [.. File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))];

    [Fact]
    public void A_symbol_quoted_in_another_asset_is_not_traded_while_the_usdt_symbol_is()
    {
        string file = Simulate("btcusdt,ethbtc");
        string trades = Path.Combine(_dir, "trades.csv");

        var (o, run) = Replay(file, "--trades", trades);

        Assert.Null(o["tradingDisabled"]);
        Assert.True((long)o["orders"]! > 0, run.ToString());
        Assert.Equal(["ETHBTC"], o["untradedSymbols"]!.AsArray().Select(n => (string?)n));
        Assert.StartsWith("quoted in BTC, not the account's USDT", (string?)o["untradedReasons"]!["ETHBTC"], StringComparison.Ordinal);
        Assert.Null(o["untradedReasons"]!["BTCUSDT"]);
        Assert.True((long)o["untradedDecisions"]! > 0 && (long)o["untradedDecisions"]! < (long)o["decisions"]!);
        Assert.Contains("Symbol ETHBTC is not traded: quoted in BTC", run.Stderr, StringComparison.Ordinal);
        // Equity never sees a BTC amount: every fill is BTCUSDT's, and the fees charged are exactly theirs.
        var rows = Trades(trades);
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal("BTCUSDT", r[1]));
        double fees = rows.Sum(r => double.Parse(r[6], CultureInfo.InvariantCulture));
        Assert.Equal(fees, (double)o["attribution"]!["feesPaid"]!, 6);
    }

    [Fact]
    public void A_quote_asset_declared_pegged_trades_one_to_one()
    {
        string file = Simulate("btcfdusd");
        string config = Path.Combine(_dir, "pegged.json");
        File.WriteAllText(config, """{ "peggedQuotes": ["fdusd"] }""");

        var (unpegged, _) = Replay(file);
        var (pegged, run) = Replay(file, "--config", config);

        Assert.Contains("no symbol is quoted in the account's USDT (BTCFDUSD: quoted in FDUSD", (string?)unpegged["tradingDisabled"], StringComparison.Ordinal);
        Assert.Equal(0, (long)unpegged["orders"]!);
        Assert.Null(pegged["tradingDisabled"]);
        Assert.Null(pegged["untradedReasons"]);
        Assert.True((long)pegged["orders"]! > 0, run.ToString());
    }

    [Fact]
    public void A_pegged_quote_that_is_not_an_asset_name_is_refused() =>
        ContractAssert.InputError(["replay", "--no-model", "--sim-minutes", "0.1", "--config", WriteConfig("""{ "peggedQuotes": ["FD USD"] }""")],
            "peggedQuotes: 'FD USD' is not an asset name");

    private string WriteConfig(string json)
    {
        string path = Path.Combine(_dir, "config.json");
        File.WriteAllText(path, json);
        return path;
    }

    // A cryptofeed Binance.US pair (stream.binance.us, api.binance.us) made from a simulated recording: its BTCUSDT is
    // a binance.com symbol name, whose .com filter table must not apply on another exchange.
    private (string Http, string Ws) BinanceUs(string simulated)
    {
        string http = Path.Combine(_dir, "BINANCE_US.http.0.0.gz"), ws = Path.Combine(_dir, "BINANCE_US.ws.1.0.gz");
        using var input = new StreamReader(new GZipStream(File.OpenRead(simulated), CompressionMode.Decompress));
        using var wsOut = new StreamWriter(new GZipStream(File.Create(ws), CompressionLevel.Fastest));
        using var httpOut = new StreamWriter(new GZipStream(File.Create(http), CompressionLevel.Fastest));
        bool first = true;
        while (input.ReadLine() is { } line)
        {
            int space = line.IndexOf(' ', StringComparison.Ordinal);
            string seconds = (long.Parse(line[..space], CultureInfo.InvariantCulture) / 1e9).ToString("F7", CultureInfo.InvariantCulture), json = line[(space + 1)..];
            if (first)
            {
                wsOut.WriteLine($"wss://stream.binance.us:9443/stream?streams=btcusdt@depth@100ms/btcusdt@trade/btcusdt@bookTicker <-> {seconds}");
                first = false;
            }
            if (json.Contains("\"stream\"", StringComparison.Ordinal)) wsOut.WriteLine($"{seconds}: {json}");
            else httpOut.WriteLine($"https://api.binance.us/api/v3/depth?symbol=BTCUSDT&limit=1000 -> {seconds}: {json}");
        }
        return (http, ws);
    }

    [Fact]
    public void A_binance_us_recording_is_its_own_venue_and_trades_only_at_stated_fees()
    {
        var (http, ws) = BinanceUs(Simulate("btcusdt"));
        string fees = WriteConfig("""{ "makerFeePpm": 600, "takerFeePpm": 600 }""");

        var (unstated, run) = Replay(http, ws);
        var (stated, _) = Replay(http, ws, "--config", fees);

        // Not binance.com's BTCUSDT: its scales come from the recording (the .com table's minimum notional is not applied).
        Assert.Contains("BTCUSDT: exchange filters unknown; price and quantity scales taken from the recording", run.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("Binance.US fee schedule unknown", (string?)unstated["tradingDisabled"], StringComparison.Ordinal);
        Assert.Equal("notTraded", (string?)unstated["stopReason"]);
        Assert.Equal(0, (long)unstated["orders"]!);
        Assert.Equal(0, (long)unstated["gaps"]!);
        Assert.Null(stated["tradingDisabled"]);
        Assert.True((long)stated["orders"]! > 0);
        Assert.Equal(6, (double)stated["edge"]!["takerFeeBps"]!);
        Assert.Equal("us", (string?)stated["edge"]!["market"]); // the market read, not binance.com spot
        Assert.Equal(unstated["decisions"]!.ToString(), stated["decisions"]!.ToString());
    }

    [Fact]
    public void A_binance_us_run_with_baselines_reports_no_value_at_an_unpublished_tier_instead_of_failing()
    {
        var (http, ws) = BinanceUs(Simulate("btcusdt"));
        string fees = WriteConfig("""{ "makerFeePpm": 600, "takerFeePpm": 600 }""");

        // It had exited 2 after the whole run: "market = 'us-vip0' is not a known fee tier" (no such setting was given).
        var (o, _) = Replay(http, ws, "--config", fees, "--baselines");

        foreach (var row in o["baselines"]!["strategies"]!.AsArray())
        {
            var at = row!["netPnlAt"]!.AsObject();
            Assert.True(at.ContainsKey("us-vip0") && at["us-vip0"] is null, at.ToJsonString());
            Assert.NotNull(at["run"]);
        }
        Assert.True((long)o["orders"]! > 0);
    }

    [Fact]
    public void A_binance_us_recording_given_as_spot_is_refused()
    {
        var (http, ws) = BinanceUs(Simulate("btcusdt"));

        ContractAssert.InputError(["replay", http, ws, "--market", "spot"], "is a us recording, but --market spot was given");
    }
}
