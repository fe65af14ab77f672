using System.Text.Json;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>
/// <c>hft run --market coinm --mode testnet</c> as a real process against the fake exchange in COIN-M mode (<c>/dapi</c>
/// REST, <c>/ws-dapi/v1</c>, the <c>/dapi/v1/listenKey</c> stream, dstream-shaped market data): the same futures gateway
/// as USD-M trades whole contracts, reconciles the position and the coin wallet, and exits with nothing open.
/// </summary>
public sealed class HftRunCoinmTestnetTests
{
    private const string ApiKey = "cli-coinm-key";
    private const string Secret = "cliCoinmSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLM";
    private const string Symbol = "BTCUSD_PERP";

    private static Dictionary<string, string?> Keys() => new()
    {
        ["HFT_BINANCE_API_KEY"] = ApiKey, ["HFT_BINANCE_API_SECRET"] = Secret, ["HFT_BINANCE_PRIVATE_KEY_FILE"] = null,
    };

    [Fact]
    public async Task Coinm_testnet_run_trades_whole_contracts_reconciles_and_leaves_the_position_equal_to_the_exchange()
    {
        await using var fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions
        {
            Futures = true,
            CoinM = true,
            Symbols = [Symbol],
            ContractSizes = new Dictionary<string, long> { [Symbol] = 100 },
            StartingBalances = new Dictionary<string, decimal> { ["BTC"] = 1m }, // the run's equity: read from the venue
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            MakerFee = 0m,
            TakerFee = 0m,
        });
        using var doc = JsonDocument.Parse(FakeExchangeCommandLine.UrlsJson(fake));
        var r = doc.RootElement;
        Assert.EndsWith("/ws-dapi/v1", r.GetProperty("wsApi").GetString(), StringComparison.Ordinal);

        using var hft = LiveProcess.Hft(Keys(), ["run", "--symbols", "btcusd_perp", "--market", "coinm", "--mode", "testnet",
            "--url", r.GetProperty("ws").GetString()!, "--duration", "5m", "--json", "--no-model"]);
        await hft.UntilAsync(() => fake.WithEngine(e => e.Fills.Count) > 0, TimeSpan.FromMinutes(2), "a fill at the exchange");
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 0, $"exit {exit}: {hft.Stderr}");
        var o = hft.LastJson();
        Assert.Equal("coinm", (string?)o["source"]!["market"]);
        Assert.Equal("BTC", (string?)o["accountAsset"]);
        Assert.True(o["fills"]!.GetValue<long>() > 0, hft.Stderr);
        Assert.All(fake.WithEngine(e => e.Orders.Values.ToArray()), v => Assert.Equal(decimal.Truncate(v.OrigQty), v.OrigQty)); // whole contracts
        Assert.Equal(0, o["openOrdersAtExit"]!.GetValue<long>());
        Assert.True(o["reconcileMismatches"]!.GetValue<long>() == 0, hft.Stderr);
        Assert.Equal((double)fake.WithEngine(e => e.PositionOf(Symbol).Amount), o["position"]![Symbol]!.GetValue<double>(), 8);
        Assert.True(o["venue"]!["exitConfirmed"]!.GetValue<bool>(), hft.Stderr);
        Assert.Contains("coinm: countdownCancelAll armed", hft.Stderr, StringComparison.Ordinal);
        // This fake serves no bracket table: the configured (built-in) one stands, and the log says so.
        Assert.Contains("coinm: maintenance brackets: /dapi/v2/leverageBracket answered no table (", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains("the configured futures.coinBrackets stands (9 brackets, 0.40 % up to 5 at 125x", hft.Stderr, StringComparison.Ordinal);
        Assert.Contains("Account: 1 of the margin coin at the venue is the desk's initial equity", hft.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, hft.Stderr + hft.Stdout, StringComparison.Ordinal);
    }
}
