using System.Text.Json;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Rules;
using HftScalper.Binance.Time;
using HftScalper.Binance.UserData;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Security;
using HftScalper.Core.Symbols;
using HftScalper.Live;
using HftScalper.Trading.Execution;

namespace HftScalper.Cli.Commands.Run;

/// <summary>
/// Binance spot's connections: server time and one WebSocket API session carrying order entry and the user data
/// subscription; the venue is <see cref="BinanceSpotGateway"/>, checking orders against the filters of the run's one
/// exchangeInfo read (<see cref="ExchangeInfoScales"/>, as paper reads them).
/// </summary>
internal sealed class SpotVenueLink : LiveVenueLink
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http;
    private readonly WsApiClient _client;

    private SpotVenueLink(HttpClient http, ServerTimeSync time, WsApiClient client, IExecutionGatewayFactory venue)
    {
        _http = http;
        Time = time;
        _client = client;
        Venue = venue;
    }

    /// <inheritdoc />
    public override IExecutionGatewayFactory Venue { get; }

    /// <inheritdoc />
    public override ServerTimeSync Time { get; }

    /// <inheritdoc />
    public override long Reconnects => _client.Reconnects;

    /// <inheritdoc />
    public override Core.Time.LatencyHistogram TickToOrder => _client.TickToOrder;

    /// <summary>Connects (server time, WebSocket API session and user data); <paramref name="info"/> is the run's exchangeInfo
    /// read, whose symbols the registry already holds (a symbol it does not list refuses every order at the gateway).</summary>
    public static async Task<SpotVenueLink> ConnectAsync(LiveEndpoints endpoints, IRequestSigner signer, ExchangeInfo info,
        SymbolRegistry registry, ClientOrderIdSession session, Action<string> venueLog, CancellationToken ct)
    {
        var http = new HttpClient { BaseAddress = endpoints.Rest, Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            var time = new ServerTimeSync();
            if (!await time.SyncAsync(c => ServerTimeAsync(http, c), ct).ConfigureAwait(false))
                throw new IOException($"server time: {SecretRedactor.Redact(endpoints.Rest)}api/v3/time did not answer");
            var client = new WsApiClient(new WsApiClientOptions
            {
                Endpoint = endpoints.WsApi,
                TimestampMs = time.TimestampMs,
                RecvWindowMs = time.Options.RecvWindowMs,
                Log = venueLog,
            }, signer, new UserDataParser(registry, venueLog));
            using (var connect = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                connect.CancelAfter(ConnectTimeout);
                try
                {
                    await client.StartAsync(connect.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                    throw new IOException($"no WebSocket API session at {SecretRedactor.Redact(endpoints.WsApi)} within {ConnectTimeout.TotalSeconds:F0} s (keys accepted? see the log)");
                }
            }
            var spot = new BinanceSpotGatewayFactory(new SpotTradingApi(client), info.Symbols, session, new BinanceSpotGatewayOptions { Log = venueLog });
            return new SpotVenueLink(http, time, client, spot);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public override Task RunClockAsync(CancellationToken ct) => Time.RunRefreshLoopAsync(c => ServerTimeAsync(_http, c), ct);

    /// <inheritdoc />
    public override async Task<(long Count, string? Error)> OpenOrdersAsync(IReadOnlyList<string> symbols, CancellationToken ct)
    {
        var api = new SpotTradingApi(_client);
        long total = 0;
        foreach (var symbol in symbols)
        {
            var r = await api.OpenOrdersAsync(symbol, ct).ConfigureAwait(false);
            if (!r.IsOk || r.ResultJson is null) return (-1, $"openOrders.status {symbol}: {r}");
            using var doc = JsonDocument.Parse(r.ResultJson);
            total += doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement.GetArrayLength() : 0;
        }
        return (total, null);
    }

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
    }

    private static async Task<long> ServerTimeAsync(HttpClient http, CancellationToken ct)
    {
        var body = await http.GetByteArrayAsync(new Uri("api/v3/time", UriKind.Relative), ct).ConfigureAwait(false);
        using var doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("serverTime").GetInt64();
    }
}
