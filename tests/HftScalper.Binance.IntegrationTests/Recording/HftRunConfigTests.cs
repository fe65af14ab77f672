using System.Text.Json;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>
/// <c>hft run --config FILE</c> as a real process against the fake exchange in COIN-M mode: the file's settings reach a
/// testnet run (a <c>futures.contractSizes</c> entry overrides exchangeInfo's <c>contractSize</c>, the mismatch is logged,
/// and the run values its fills at the configured size), and a bad file ends the run before anything connects.
/// </summary>
public sealed class HftRunConfigTests
{
    private const string ApiKey = "cli-config-key";
    private const string Secret = "cliConfigSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK";
    private const string Symbol = "BTCUSD_PERP";
    private const long VenueSize = 100;
    private const long ConfiguredSize = 50;

    private static Dictionary<string, string?> Keys() => new()
    {
        ["HFT_BINANCE_API_KEY"] = ApiKey, ["HFT_BINANCE_API_SECRET"] = Secret, ["HFT_BINANCE_PRIVATE_KEY_FILE"] = null,
    };

    private static Task<FakeBinanceExchange> CoinMAsync() => FakeBinanceExchange.StartAsync(new FakeExchangeOptions
    {
        LeverageBrackets = [new FakeLeverageBracket(5m, 125, 0.004m), new FakeLeverageBracket(10m, 100, 0.005m), new FakeLeverageBracket(1_000_000m, 2, 0.25m)],
        Futures = true,
        CoinM = true,
        Symbols = [Symbol],
        ContractSizes = new Dictionary<string, long> { [Symbol] = VenueSize },
        StartingBalances = new Dictionary<string, decimal> { ["BTC"] = 1m },
        ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
        MakerFee = 0m,
        TakerFee = 0m,
    });

    private static string[] RunArgs(FakeBinanceExchange fake, string config)
    {
        using var doc = JsonDocument.Parse(FakeExchangeCommandLine.UrlsJson(fake));
        return ["run", "--symbols", "btcusd_perp", "--market", "coinm", "--mode", "testnet", "--url", doc.RootElement.GetProperty("ws").GetString()!,
            "--duration", "5m", "--json", "--no-model", "--config", config];
    }

    [Fact]
    public async Task A_config_files_contract_size_overrides_exchangeInfo_is_logged_and_values_the_fills()
    {
        using var dir = new TempJournalDir();
        string config = Path.Combine(Directory.CreateDirectory(dir.Path).FullName, "coinm.json");
        File.WriteAllText(config, $$"""{ "futures": { "contractSizes": { "{{Symbol}}": {{ConfiguredSize}} } } }""");
        await using var fake = await CoinMAsync();

        using var hft = LiveProcess.Hft(Keys(), RunArgs(fake, config));
        await hft.UntilAsync(() => fake.WithEngine(e => e.Fills.Count) > 0, TimeSpan.FromMinutes(2), "a fill at the exchange");
        await Task.Delay(TimeSpan.FromSeconds(2)); // the fill's report reaches the desk and the recorder
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        var o = hft.LastJson();
        Assert.Contains($"Settings: {config} over the coinm defaults", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains($"futures.contractSizes: {Symbol} configured at {ConfiguredSize} USD, but the exchange's contractSize is {VenueSize} USD", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains($"Contract sizes: {Symbol} {ConfiguredSize} USD", hft.Stderr, StringComparison.Ordinal);
        Assert.Equal(ConfiguredSize, o["contractSizes"]![Symbol]!.GetValue<long>());
        Assert.Contains($"coinm: maintenance brackets of {Symbol} from /dapi/v2/leverageBracket: 3 brackets, 0.40 % up to 5 at 125x ... 25.00 % up to 1000000", hft.Stderr, StringComparison.Ordinal);
        Assert.Equal(1.0, o["startingEquity"]!.GetValue<double>(), 9); // the venue's coin wallet, not the paper default

        // Each contract the venue filled is valued at the configured 50 USD (the venue's 100 would double it): coin notional
        // = contracts * size / price, summed over the fills the run recorded, which are the venue's.
        var fills = fake.WithEngine(e => e.Fills.ToArray());
        var attribution = o["attribution"]!;
        Assert.True(attribution["fills"]!.GetValue<long>() == fills.Length, $"recorded {attribution["fills"]} of {fills.Length} venue fills: {hft.Stderr}");
        double expected = fills.Sum(f => (double)f.Qty * ConfiguredSize / (double)f.Price);
        Assert.Equal(expected, attribution["notional"]!.GetValue<double>(), expected * 1e-9);
        Assert.Equal((double)fake.WithEngine(e => e.PositionOf(Symbol).Amount), o["position"]![Symbol]!.GetValue<double>(), 8);
        Assert.DoesNotContain(Secret, hft.Stderr + hft.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, hft.Stderr + hft.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "futures": { "contractSizes": { "BTCUSD_PERP": 50 } }""", "coinm.json")] // cut short: not JSON
    [InlineData("""{ "futures": { "contractSizes": { "BTCUSD_PERP": 0 } } }""", "futures.contractSizes.BTCUSD_PERP")] // out of range
    [InlineData("""{ "futures": { "contractSize": { "BTCUSD_PERP": 50 } } }""", "contractSize")] // a misspelt key
    public async Task A_bad_config_file_ends_the_run_before_anything_connects(string text, string named)
    {
        using var dir = new TempJournalDir();
        string config = Path.Combine(Directory.CreateDirectory(dir.Path).FullName, "coinm.json");
        File.WriteAllText(config, text);
        await using var fake = await CoinMAsync();

        using var hft = LiveProcess.Hft(Keys(), RunArgs(fake, config));
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.True(exit == 2, $"exit {exit}: {hft.Stderr}");
        Assert.Contains($"config {config}", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains(named, hft.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, fake.TotalConnections); // no WebSocket: no order session, no user data, no market data
        Assert.Empty(fake.WithEngine(e => e.Orders.Values.ToArray()));
        Assert.DoesNotContain(Secret, hft.Stderr + hft.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(ApiKey, hft.Stderr + hft.Stdout, StringComparison.Ordinal);
    }
}
