using HftScalper.Binance.Auth;
using HftScalper.Binance.WsApi;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using HftScalper.Trading.Execution;

namespace HftScalper.Live.Tests;

/// <summary>
/// A fake Binance spot, a real WebSocket API client signing with an HMAC key, and a <see cref="TradingDesk"/> whose
/// gateway is a <see cref="BinanceSpotGateway"/>. The test thread plays the strategy thread.
/// </summary>
internal sealed class GatewayHarness : TestThreadDeskHarness
{
    private const string ApiKey = "gateway-hmac-key";
    private const string Secret = "lkzX3m1wQ8v5c7N2hJ0pR4tY6uI9oA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0rT2yU4";

    public required WsApiClient Client { get; init; }
    public required BinanceSpotGateway Gateway { get; init; }

    public static async Task<GatewayHarness> StartAsync(TimeSpan? requestTimeout = null)
    {
        var venue = await StartVenueAsync(new FakeExchangeOptions
        {
            ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }],
            Seed = 7,
            MakerFee = 0m, // fees in the base asset would make the BTC balance differ from the position; see FeeOf
            TakerFee = 0m,
        }, "/api/v3/exchangeInfo", "binance-spot");
        var client = await StartWsApiAsync(venue, "/ws-api/v3", new HmacSha256Signer(ApiKey, Secret), requestTimeout);
        await Until(() => client.IsReady, "the WS API session");
        var session = new ClientOrderIdSession("gwtest");
        var factory = new BinanceSpotGatewayFactory(new SpotTradingApi(client), venue.Info.Symbols, session,
            new BinanceSpotGatewayOptions { Log = venue.Log.Enqueue });
        var sink = new RecordingSink();
        var desk = new TradingDesk(venue.Symbols, new TradingDeskOptions { OrderIds = session, InitialEquity = 100_000 }, factory, sink);
        return new GatewayHarness
        {
            Fake = venue.Fake, Client = client, Desk = desk, Gateway = factory.Gateway!, Session = session, Sink = sink, Log = venue.Log,
        };
    }

    /// <summary>The fake's balance of an asset (free + locked) in units of 10^-decimals.</summary>
    public long Balance(string asset, int decimals)
    {
        var (free, locked) = Fake.WithEngine(e => e.BalanceOf(asset));
        return (long)decimal.Round((free + locked) * (decimal)Math.Pow(10, decimals));
    }

    public override async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Client.DisposeAsync();
        await Fake.DisposeAsync();
    }
}
