using System.Text.Json;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.Binance.IntegrationTests.Recording;

/// <summary>
/// <c>hft run --mode testnet</c> of DOGEUSDT (table scales 5 + 8 decimals, too fine for the account) against the fake
/// exchange, which checks every order against the filters it publishes (tick 0.00001, step 1, 1 USDT minimum, here a maxQty
/// of 5,000 below the default sizing) and rejects the others with -1013: orders go out at exchangeInfo's scales, capped at
/// maxQty, and none is rejected; an order the venue rejects
/// for a filter it did not publish is counted and never sent again.
/// </summary>
public sealed class HftRunTestnetScalesTests
{
    private const string ApiKey = "scales-testnet-key";
    private const string Secret = "scalesTestnetSecret0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH";

    private static Task<(JsonElement Json, int Exit, string Stderr, FakeBinanceExchange Fake)> RunUntilAsync(FakeBinanceExchange fake,
        Func<bool> until, string what) => RunUntilAsync(fake, "dogeusdt", until, what);

    private static async Task<(JsonElement Json, int Exit, string Stderr, FakeBinanceExchange Fake)> RunUntilAsync(FakeBinanceExchange fake,
        string symbols, Func<bool> until, string what)
    {
        using var hft = Start(fake, symbols);
        await hft.UntilAsync(until, TimeSpan.FromMinutes(2), what);
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));
        return (JsonDocument.Parse(hft.LastJson().ToJsonString()).RootElement, exit, hft.Stderr, fake);
    }

    private static LiveProcess Start(FakeBinanceExchange fake, string symbols)
    {
        using var doc = JsonDocument.Parse(FakeExchangeCommandLine.UrlsJson(fake));
        var r = doc.RootElement;
        return LiveProcess.Hft(new Dictionary<string, string?>
        {
            ["HFT_BINANCE_API_KEY"] = ApiKey, ["HFT_BINANCE_API_SECRET"] = Secret, ["HFT_BINANCE_PRIVATE_KEY_FILE"] = null,
        }, "run", "--symbols", symbols, "--mode", "testnet", "--url", r.GetProperty("ws").GetString()!, "--ws-api", r.GetProperty("wsApi").GetString()!,
            "--rest", r.GetProperty("rest").GetString()!, "--duration", "5m", "--json", "--no-model");
    }

    private static Task<FakeBinanceExchange> StartFakeAsync(decimal unpublishedMinNotional = 0, string[]? unlisted = null, bool noExchangeInfo = false) =>
        FakeBinanceExchange.StartAsync(new FakeExchangeOptions
    {
        Symbols = ["DOGEUSDT", "XRPUSDT"],
        UnlistedSymbols = unlisted ?? [],
        ExchangeInfoUnavailable = noExchangeInfo,
        ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
        StartingBalances = new Dictionary<string, decimal> { ["DOGE"] = 100_000m, ["XRP"] = 10_000m, ["USDT"] = 100_000m },
        UnpublishedMinNotional = unpublishedMinNotional,
        // Binance's DOGEUSDT filters, but a maxQty (5,000 DOGE = 800 USDT) below what the default sizing asks (~2,600 USDT).
        SymbolSpecs = new Dictionary<string, FakeSymbolSpec> { ["DOGEUSDT"] = new(0.00001m, 1m, 1m, 1m, 0.16000m, MaxQty: 5000m) },
    });

    [Fact]
    public async Task Testnet_orders_of_a_fine_tick_symbol_pass_the_exchanges_filters()
    {
        await using var fake = await StartFakeAsync();

        var (o, exit, stderr, _) = await RunUntilAsync(fake, () => fake.WithEngine(e => e.Fills.Count) > 0, "a DOGEUSDT fill at the exchange");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o.GetProperty("orders").GetInt64() > 0, stderr);
        Assert.Equal(0, o.GetProperty("rejects").GetInt64());
        Assert.Equal(0, fake.WithEngine(e => e.FilterRejects));
        Assert.True(fake.WithEngine(e => e.Orders.Count) > 0);
        Assert.All(fake.WithEngine(e => e.Orders.Values.ToList()), order => Assert.True(order.OrigQty % 1m == 0 && order.OrigQty <= 5000m, $"{order.OrigQty}"));
    }

    [Fact]
    public async Task An_order_the_exchange_rejects_for_a_filter_is_counted_and_not_sent_again()
    {
        // The venue enforces a minimum notional exchangeInfo did not state (a filter changed under a running session).
        await using var fake = await StartFakeAsync(unpublishedMinNotional: 1_000_000m);

        var (o, exit, stderr, _) = await RunUntilAsync(fake, () => fake.WithEngine(e => e.FilterRejects) >= 3, "three filter rejects");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        var requests = fake.WithEngine(e => e.PlaceRequests.ToList());
        Assert.True(o.GetProperty("rejects").GetInt64() >= 3, stderr);
        Assert.Equal(0, o.GetProperty("fills").GetInt64());
        Assert.Equal(requests.Count, requests.Distinct(StringComparer.Ordinal).Count()); // each order sent once: no resend loop
        Assert.Equal(0, fake.WithEngine(e => e.OpenOrders.Count));
    }

    [Fact]
    public async Task A_symbol_exchangeInfo_does_not_list_is_refused_alone_and_the_listed_one_trades_on_testnet()
    {
        // exchangeInfo?symbols=["DOGEUSDT","XRPUSDT"] answers -1121, so each is asked alone (paper's path): DOGEUSDT trades,
        // XRPUSDT syncs and is scored but never traded, nor queried or cancelled at the venue (which would answer -1121).
        await using var fake = await StartFakeAsync(unlisted: ["XRPUSDT"]);

        var (o, exit, stderr, _) = await RunUntilAsync(fake, "dogeusdt,xrpusdt", () => fake.WithEngine(e => e.Fills.Count) > 0, "a DOGEUSDT fill at the exchange");

        Assert.True(exit == 0, $"exit {exit}: {stderr}");
        Assert.True(o.GetProperty("orders").GetInt64() > 0, stderr);
        Assert.Equal(2, o.GetProperty("exchangeInfoFailures").GetInt32()); // symbols=[both] and XRPUSDT alone
        Assert.Contains("not listed in", o.GetProperty("untradedReasons").GetProperty("XRPUSDT").GetString(), StringComparison.Ordinal);
        Assert.False(o.GetProperty("untradedReasons").TryGetProperty("DOGEUSDT", out _));
        Assert.Equal("Synced", o.GetProperty("books").GetProperty("XRPUSDT").GetString());
        Assert.Equal(0.0, o.GetProperty("position").GetProperty("XRPUSDT").GetDouble());
        Assert.True(o.GetProperty("venue").GetProperty("exitConfirmed").GetBoolean(), stderr);
        Assert.Equal(0, o.GetProperty("reconcileMismatches").GetInt64());
        Assert.Contains("XRPUSDT: not listed in", stderr, StringComparison.Ordinal);
        Assert.All(fake.WithEngine(e => e.Orders.Values.ToList()), order => Assert.Equal("DOGEUSDT", order.Symbol));
        Assert.DoesNotContain(Secret, stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)] // exchangeInfo answers 503
    [InlineData(true)] // it answers, listing neither symbol
    public async Task A_testnet_run_with_no_symbol_to_trade_exits_2_before_any_order(bool listsNone)
    {
        await using var fake = await StartFakeAsync(unlisted: listsNone ? ["DOGEUSDT", "XRPUSDT"] : null, noExchangeInfo: !listsNone);
        using var hft = Start(fake, "dogeusdt,xrpusdt");

        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(2, exit);
        Assert.Contains(listsNone ? "lists none of DOGEUSDT, XRPUSDT" : "could not be read", hft.Stderr, StringComparison.Ordinal);
        Assert.Empty(fake.WithEngine(e => e.PlaceRequests.ToList()));
        Assert.DoesNotContain(Secret, hft.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, hft.Stdout, StringComparison.Ordinal);
    }
}
