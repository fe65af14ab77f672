using System.Globalization;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using HftScalper.FakeExchange;
using HftScalper.FakeExchange.Orders;
using NSec.Cryptography;

namespace HftScalper.Binance.IntegrationTests.Orders;

/// <summary>
/// A raw test client for the fake exchange's order side: REST with an HMAC or Ed25519 signature computed here
/// (query string + body, signature appended, Ed25519 base64 percent-encoded), and a WebSocket API connection whose
/// replies and user-data events are collected in arrival order. No code from src/ — the signatures are Binance's
/// documented algorithm written out.
/// </summary>
internal sealed class SignedClient : IAsyncDisposable
{
    public const string HmacKey = "hmac-key-1";
    public const string HmacSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
    public const string EdKey = "ed25519-key-1";

    private static readonly Lazy<Key> EdPrivate = new(() => Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }));

    private readonly HttpClient _http;
    private readonly Uri _base;
    private readonly bool _futures;
    private ClientWebSocket? _ws;
    private Task? _reader;
    private int _nextId;

    public SignedClient(FakeBinanceExchange fake)
        : this(fake.BaseUri, fake.Options.Futures)
    {
        _fake = fake;
    }

    // In-process fake: lets ConnectListenKeyAsync wait until the fake holds the connection. The client's handshake
    // completes before the fake's accept adds the connection, so an order sent at once could raise its NEW event with
    // nobody to send it to (seen under load: the first ORDER_TRADE_UPDATE read was the AMENDMENT).
    private readonly FakeBinanceExchange? _fake;

    /// <summary>A client of a fake exchange at <paramref name="rest"/> (e.g. one started as a process).</summary>
    public SignedClient(Uri rest, bool futures)
    {
        _base = rest;
        _futures = futures;
        _http = new HttpClient { BaseAddress = rest, Timeout = TimeSpan.FromSeconds(10) };
    }

    public bool UseEd25519 { get; set; }

    /// <summary>Every WebSocket API reply (with <c>id</c>), in arrival order.</summary>
    public Channel<JsonObject> Replies { get; } = Channel.CreateUnbounded<JsonObject>();

    /// <summary>Every user-data event (the <c>event</c> object, or a raw listenKey message), in arrival order.</summary>
    public Channel<JsonObject> Events { get; } = Channel.CreateUnbounded<JsonObject>();

    public static string EdPublicPem => Encoding.ASCII.GetString(EdPrivate.Value.PublicKey.Export(KeyBlobFormat.PkixPublicKeyText));

    public static FakeApiKey[] Keys =>
    [
        new FakeApiKey { ApiKey = HmacKey, HmacSecret = HmacSecret },
        new FakeApiKey { ApiKey = EdKey, Ed25519PublicKeyPem = EdPublicPem },
    ];

    public static long Now => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public static string Hmac(string secret, string payload) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.ASCII.GetBytes(secret), Encoding.ASCII.GetBytes(payload)));

    public static string Ed25519(string payload) =>
        Convert.ToBase64String(SignatureAlgorithm.Ed25519.Sign(EdPrivate.Value, Encoding.ASCII.GetBytes(payload)));

    /// <summary>Sends a signed REST request (params in the query string, timestamp added).</summary>
    public async Task<(int Status, JsonNode Body, HttpResponseMessage Response)> SendAsync(HttpMethod method, string path, string query, string? signatureOverride = null, long? timestamp = null, CancellationToken ct = default)
    {
        string q = (query.Length > 0 ? query + "&" : "") + "timestamp=" + (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        string sig = signatureOverride ?? (UseEd25519 ? Uri.EscapeDataString(Ed25519(q)) : Hmac(HmacSecret, q));
        using var req = new HttpRequestMessage(method, $"{path}?{q}&signature={sig}");
        req.Headers.Add("X-MBX-APIKEY", UseEd25519 ? EdKey : HmacKey);
        var resp = await _http.SendAsync(req, ct);
        string text = await resp.Content.ReadAsStringAsync(ct);
        return ((int)resp.StatusCode, JsonNode.Parse(text)!, resp);
    }

    public async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string pathAndQuery, string? apiKey)
    {
        using var req = new HttpRequestMessage(method, pathAndQuery);
        if (apiKey is not null) req.Headers.Add("X-MBX-APIKEY", apiKey);
        return await _http.SendAsync(req);
    }

    /// <summary>Opens the WebSocket API (spot <c>/ws-api/v3</c>, USD-M <c>/ws-fapi/v1</c>).</summary>
    public async Task ConnectWsApiAsync()
    {
        _ws = new ClientWebSocket();
        string path = _futures ? "/ws-fapi/v1" : "/ws-api/v3";
        await _ws.ConnectAsync(new Uri($"ws://127.0.0.1:{_base.Port}{path}"), CancellationToken.None);
        _reader = ReadAsync(_ws, routeEvents: true);
    }

    /// <summary>Opens the USD-M user data stream <c>/ws/&lt;listenKey&gt;</c>.</summary>
    public async Task ConnectListenKeyAsync(string listenKey)
    {
        var ws = new ClientWebSocket();
        await ws.ConnectAsync(new Uri($"ws://127.0.0.1:{_base.Port}/ws/{listenKey}"), CancellationToken.None);
        _ = ReadAsync(ws, routeEvents: false);
        if (_fake is null) return;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_fake.OpenConnections.Any(c => c.Streams.Contains(listenKey)))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"the fake exchange never registered the user-data connection for {listenKey}");
            await Task.Delay(5);
        }
    }

    /// <summary>Sends a WebSocket API request; <paramref name="sign"/> adds apiKey, timestamp and the signature.</summary>
    public async Task<JsonObject> CallAsync(string method, IDictionary<string, object> parameters, bool sign, bool timestamp = true, TimeSpan? wait = null)
    {
        var p = new SortedDictionary<string, object>(parameters, StringComparer.Ordinal);
        if (timestamp) p["timestamp"] = Now;
        if (sign)
        {
            p["apiKey"] = UseEd25519 ? EdKey : HmacKey;
            string payload = string.Join('&', p.Select(kv => kv.Key + "=" + Convert.ToString(kv.Value, CultureInfo.InvariantCulture)));
            p["signature"] = UseEd25519 ? Ed25519(payload) : Hmac(HmacSecret, payload);
        }
        int id = Interlocked.Increment(ref _nextId);
        var msg = new JsonObject { ["id"] = id, ["method"] = method, ["params"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(p)) };
        await _ws!.SendAsync(Encoding.UTF8.GetBytes(msg.ToJsonString()), WebSocketMessageType.Text, true, CancellationToken.None);
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var reply = await Replies.Reader.ReadAsync(cts.Token);
            if (reply["id"]?.GetValue<int>() == id) return reply;
        }
    }

    /// <summary>The next user-data event of type <paramref name="type"/> (others before it are skipped).</summary>
    public async Task<JsonObject> NextEventAsync(string type, TimeSpan? wait = null)
    {
        using var cts = new CancellationTokenSource(wait ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var e = await Events.Reader.ReadAsync(cts.Token);
            if (e["e"]?.GetValue<string>() == type) return e;
        }
    }

    /// <summary>The events that arrive within <paramref name="window"/>.</summary>
    public async Task<List<JsonObject>> DrainEventsAsync(TimeSpan window)
    {
        var list = new List<JsonObject>();
        using var cts = new CancellationTokenSource(window);
        try
        {
            while (true) list.Add(await Events.Reader.ReadAsync(cts.Token));
        }
        catch (OperationCanceledException) { }
        return list;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (_ws is not null)
        {
            _ws.Abort();
            _ws.Dispose();
            if (_reader is not null) await _reader;
        }
    }

    private async Task ReadAsync(ClientWebSocket ws, bool routeEvents)
    {
        var buffer = new byte[1 << 20];
        try
        {
            while (ws.State == WebSocketState.Open)
            {
                int len = 0;
                WebSocketReceiveResult r;
                do
                {
                    r = await ws.ReceiveAsync(new ArraySegment<byte>(buffer, len, buffer.Length - len), CancellationToken.None);
                    len += r.Count;
                } while (!r.EndOfMessage);
                if (r.MessageType == WebSocketMessageType.Close) return;
                var node = JsonNode.Parse(Encoding.UTF8.GetString(buffer, 0, len))!.AsObject();
                if (routeEvents && node["event"] is JsonObject ev) Events.Writer.TryWrite((JsonObject)ev.DeepClone());
                else if (routeEvents) Replies.Writer.TryWrite(node);
                else Events.Writer.TryWrite(node);
            }
        }
        catch (Exception e) when (e is WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
    }
}
