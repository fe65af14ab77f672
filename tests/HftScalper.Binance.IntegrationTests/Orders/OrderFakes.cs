using System.Globalization;
using HftScalper.FakeExchange;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>Starts fake exchanges for the order-side tests: the test keys accepted, the generator paused so the
/// book (and so queue positions and fills) only change when a test says so.</summary>
internal static class OrderFakes
{
    public const string Symbol = "BTCUSDT";

    public static async Task<FakeBinanceExchange> StartAsync(bool futures = false, Func<FakeExchangeOptions, FakeExchangeOptions>? configure = null)
    {
        var o = new FakeExchangeOptions { ApiKeys = SignedClient.Keys, Futures = futures, Seed = 7 };
        if (futures) o = o with { MakerFee = 0.0002m, TakerFee = 0.0005m, StartingBalances = new Dictionary<string, decimal> { ["USDT"] = 10_000m } };
        if (configure is not null) o = configure(o);
        var fake = await FakeBinanceExchange.StartAsync(o);
        fake.Pause();
        return fake;
    }

    public static (decimal Price, decimal Qty) BestBid(FakeBinanceExchange fake)
    {
        var b = fake.GetBook(Symbol, 1).Bids[0];
        return (b.Price / 100m, b.Quantity / 100_000m);
    }

    public static (decimal Price, decimal Qty) BestAsk(FakeBinanceExchange fake)
    {
        var a = fake.GetBook(Symbol, 1).Asks[0];
        return (a.Price / 100m, a.Quantity / 100_000m);
    }

    public static string S(decimal v) => v.ToString(CultureInfo.InvariantCulture);

    public static decimal D(System.Text.Json.Nodes.JsonNode? n) => decimal.Parse(n!.GetValue<string>(), CultureInfo.InvariantCulture);
}
