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

    private static async Task<(JsonElement Json, int Exit, string Stderr, FakeBinanceExchange Fake)> RunUntilAsync(FakeBinanceExchange fake,
        Func<bool> until, string what)
    {
        using var doc = JsonDocument.Parse(FakeExchangeCommandLine.UrlsJson(fake));
        var r = doc.RootElement;
        using var hft = LiveProcess.Hft(new Dictionary<string, string?>
        {
            ["HFT_BINANCE_API_KEY"] = ApiKey, ["HFT_BINANCE_API_SECRET"] = Secret, ["HFT_BINANCE_PRIVATE_KEY_FILE"] = null,
        }, "run", "--symbols", "dogeusdt", "--mode", "testnet", "--url", r.GetProperty("ws").GetString()!, "--ws-api", r.GetProperty("wsApi").GetString()!,
            "--rest", r.GetProperty("rest").GetString()!, "--duration", "5m", "--json", "--no-model");
        await hft.UntilAsync(until, TimeSpan.FromMinutes(2), what);
        hft.Terminate();
        int exit = await hft.WaitAsync(TimeSpan.FromMinutes(2));
        return (JsonDocument.Parse(hft.LastJson().ToJsonString()).RootElement, exit, hft.Stderr, fake);
    }

    private static Task<FakeBinanceExchange> StartFakeAsync(decimal unpublishedMinNotional = 0) => FakeBinanceExchange.StartAsync(new FakeExchangeOptions
    {
        Symbols = ["DOGEUSDT"],
        ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
        StartingBalances = new Dictionary<string, decimal> { ["DOGE"] = 100_000m, ["USDT"] = 100_000m },
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
}
