using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using BenchmarkDotNet.Attributes;
using HftScalper.Benchmarks.Binance;
using HftScalper.Binance.Auth;
using HftScalper.Binance.Parsing;
using HftScalper.Binance.WsApi;
using HftScalper.Core.Events;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Core.Time;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.Benchmarks.Orders;

/// <summary>
/// tickToOrderNs on loopback: a bookTicker frame "received" (Stopwatch stamp) -> decision -> the order's bytes written
/// to the socket, against the in-process fake exchange (Kestrel on 127.0.0.1, HMAC-checked order entry).
/// <list type="bullet">
/// <item>Ours: the live parser (frame -> 64-byte event in ticks) -> the decision (an IOC buy 100 000 ticks under the
/// ask, so it expires and the book stays as it is) -> <see cref="SpotTradingApi.PlaceOrderAsync"/> on the open
/// WebSocket API session (HMAC-signed); the client records tick-to-order when the bytes are written.</item>
/// <item>Naive (baseline): System.Text.Json into a DTO with decimal prices -> the same decision -> a signed
/// urlencoded POST /api/v3/order with HttpClient (keep-alive); the stamp is the last write to its socket.</item>
/// </list>
/// Each invocation is one whole order round trip (the answer is awaited, so orders never queue); BenchmarkDotNet's
/// time is that round trip, and the tick-to-order percentiles of the same invocations are printed at the end
/// ("tickToOrderNs ...", see bench/README.md). Setup checks both paths get an EXPIRED answer for the same order.
/// </summary>
[MemoryDiagnoser]
public class TickToOrderBenchmarks
{
    private const string ApiKey = "bench-hmac-key";
    private const string Secret = "lkzX3m1wQ8v5c7N2hJ0pR4tY6uI9oA1sD3fG5hJ7kL9zX2cV4bN6mQ8wE0rT2yU4";
    private const long BelowAskTicks = 5_000; // 50.00 USDT under the ask (below the bid): an IOC that never fills
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowReadingFromString };

    private FakeBinanceExchange _fake = null!;
    private WsApiClient _client = null!;
    private SpotTradingApi _api = null!;
    private BinanceParser _parser = null!;
    private MarketEventBuffer _events = null!;
    private SymbolInfo _symbol = null!;
    private HttpClient _http = null!;
    private WriteStampingStream? _socket;
    private byte[] _frame = [];
    private long _orders;
    private readonly LatencyHistogram _naive = new();

    /// <summary>Starts the fake exchange, opens both clients and checks one order of each.</summary>
    [GlobalSetup]
    public async Task Setup()
    {
        _fake = await FakeBinanceExchange.StartAsync(new FakeExchangeOptions { ApiKeys = [new FakeApiKey { ApiKey = ApiKey, HmacSecret = Secret }], Seed = 7 });
        _fake.Pause();
        var registry = new SymbolRegistry();
        _symbol = registry.Register("BTCUSDT", "binance-spot", 2, 5);
        _parser = new BinanceParser(registry, new BinanceParserOptions { DropDuplicateIds = false });
        _events = new MarketEventBuffer(16);
        // The frame quotes the fake's own touch, so the decided price passes its price filters.
        var book = _fake.GetBook("BTCUSDT", 1);
        string bid = (book.Bids[0].Price / 100m).ToString("F8", CultureInfo.InvariantCulture);
        string ask = (book.Asks[0].Price / 100m).ToString("F8", CultureInfo.InvariantCulture);
        _frame = Encoding.UTF8.GetBytes("{\"stream\":\"btcusdt@bookTicker\",\"data\":{\"u\":1,\"s\":\"BTCUSDT\",\"b\":\"" + bid
            + "\",\"B\":\"1.00000000\",\"a\":\"" + ask + "\",\"A\":\"1.00000000\"}}");
        _client = new WsApiClient(new WsApiClientOptions { Endpoint = new UriBuilder(_fake.BaseUri) { Scheme = "ws", Path = "/ws-api/v3" }.Uri },
            new HmacSha256Signer(ApiKey, Secret));
        await _client.StartAsync();
        _api = new SpotTradingApi(_client);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (ctx, ct) =>
            {
                var s = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await s.ConnectAsync(ctx.DnsEndPoint, ct);
                return _socket = new WriteStampingStream(new NetworkStream(s, ownsSocket: true));
            },
        };
        _http = new HttpClient(handler) { BaseAddress = _fake.BaseUri };
        _http.DefaultRequestHeaders.Add("X-MBX-APIKEY", ApiKey);

        string ours = await OursStatus();
        string naive = await NaiveStatus();
        if (ours != "EXPIRED" || naive != "EXPIRED") throw new InvalidOperationException($"fingerprint: ours {ours}, naive {naive}; both must expire");
        _client.TickToOrder.Reset();
        _naive.Reset();
    }

    /// <summary>Baseline: JSON DTO, decimal decision, HttpClient POST.</summary>
    [Benchmark(Baseline = true)]
    public Task<string> NaiveHttpClientJson() => NaiveStatus();

    /// <summary>Ours: parser, tick decision, WebSocket API order.place.</summary>
    [Benchmark]
    public Task<string> ParserWsApi() => OursStatus();

    private async Task<string> OursStatus()
    {
        long received = Stopwatch.GetTimestamp();
        _events.Clear();
        _parser.Parse(new RawFrame(0, FrameOrigin.WebSocket, -1, 0, _frame), _events);
        ref readonly var top = ref _events.Events[0]; // bookTicker: one TopOfBook event
        var order = new SpotOrderRequest
        {
            Symbol = _symbol, Side = Side.Bid, Type = "LIMIT", TimeInForce = "IOC", Quantity = 1000, Price = top.AskPrice - BelowAskTicks,
            ClientOrderId = "bo-" + (++_orders).ToString(CultureInfo.InvariantCulture), ResponseType = "RESULT", IngressTicks = received,
        };
        var response = await _api.PlaceOrderAsync(order);
        return response.TryGetResultString("status", out var status) ? status ?? "" : response.ToString();
    }

    private async Task<string> NaiveStatus()
    {
        long received = Stopwatch.GetTimestamp();
        var t = JsonSerializer.Deserialize<CombinedDto<TickerDto>>(_frame, Json)!.Data!;
        decimal price = t.AskPrice - (BelowAskTicks / 100m);
        string body = string.Create(CultureInfo.InvariantCulture,
            $"symbol={t.Symbol}&side=BUY&type=LIMIT&timeInForce=IOC&quantity=0.01000&price={price:F2}&newClientOrderId=bn-{++_orders}&newOrderRespType=RESULT&timestamp={DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}");
        string signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes(body)));
        using var content = new StringContent(body + "&signature=" + signature, Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await _http.PostAsync(new Uri("/api/v3/order", UriKind.Relative), content);
        if (_socket is { } s) _naive.Record((long)((s.LastWrite - received) * (1e9 / Stopwatch.Frequency)));
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return doc.RootElement.TryGetProperty("status", out var status) ? status.GetString() ?? "" : response.StatusCode.ToString();
    }

    /// <summary>Prints the tick-to-order percentiles of the invocations measured, and stops the fake.</summary>
    [GlobalCleanup]
    public async Task Cleanup()
    {
        Print("ParserWsApi", _client.TickToOrder);
        Print("NaiveHttpClientJson", _naive);
        _http.Dispose();
        await _client.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private static void Print(string name, LatencyHistogram h)
    {
        if (h.Count == 0) return;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"tickToOrderNs {name}: p50={h.PercentileNs(0.5)} p99={h.PercentileNs(0.99)} p999={h.PercentileNs(0.999)} count={h.Count}"));
    }
}
