using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using HftScalper.FakeExchange.Orders;

namespace HftScalper.FakeExchange;

/// <summary>
/// One WebSocket API connection (<c>/ws-api/v3</c>, <c>/ws-fapi/v1</c>): requests <c>{"id","method","params"}</c>
/// answered <c>{"id","status","result"|"error","rateLimits"}</c>; <c>session.logon</c> (Ed25519 keys only) makes
/// later requests need no <c>apiKey</c>/<c>signature</c>; <c>userDataStream.subscribe</c> (logged on) or
/// <c>userDataStream.subscribe.signature</c> delivers <c>{"subscriptionId":N,"event":{...}}</c> on this connection.
/// </summary>
public sealed class WsApiConnection
{
    private static readonly HashSet<string> Unsigned = new(StringComparer.Ordinal) { "ping", "time", "exchangeInfo" };

    private readonly WebSocket _socket;
    private readonly FakeBinanceExchange _owner;
    private readonly Channel<byte[]> _outgoing = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
    private readonly long _connectedSince = FakeBinanceExchange.NowMs();
    private string? _loggedOnKey;
    private long _authorizedSince;
    private int _subscriptionId = -1;
    private int _nextSubscriptionId;

    internal WsApiConnection(WebSocket socket, FakeBinanceExchange owner)
    {
        _socket = socket;
        _owner = owner;
    }

    /// <summary>Whether a user data subscription is active.</summary>
    public bool Subscribed => Volatile.Read(ref _subscriptionId) >= 0;

    internal void SendUserEvent(string json)
    {
        int id = Volatile.Read(ref _subscriptionId);
        if (id < 0) return;
        _outgoing.Writer.TryWrite(Encoding.UTF8.GetBytes($"{{\"subscriptionId\":{id},\"event\":{json}}}"));
    }

    internal async Task RunAsync(CancellationToken ct)
    {
        var send = SendLoopAsync(ct);
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                int len = 0;
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer.AsMemory(len), ct).ConfigureAwait(false);
                    if (r.MessageType == WebSocketMessageType.Close)
                    {
                        if (_socket.State == WebSocketState.CloseReceived)
                            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", ct).ConfigureAwait(false);
                        return;
                    }
                    len += r.Count;
                } while (!r.EndOfMessage && len < buffer.Length);
                await HandleAsync(buffer.AsMemory(0, len).ToArray()).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Peer gone, aborted by a fault, or the server stops.
        }
        finally
        {
            _outgoing.Writer.TryComplete();
            try { await send.ConfigureAwait(false); }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    private async Task SendLoopAsync(CancellationToken ct)
    {
        await foreach (var m in _outgoing.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            if (_socket.State != WebSocketState.Open) return;
            await _socket.SendAsync(m, WebSocketMessageType.Text, true, ct).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(byte[] message)
    {
        string id = "null", method;
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(message);
            var root = doc.RootElement;
            if (root.TryGetProperty("id", out var idEl)) id = idEl.GetRawText();
            method = root.GetProperty("method").GetString() ?? "";
            if (root.TryGetProperty("params", out var ps) && ps.ValueKind == JsonValueKind.Object)
                foreach (var prop in ps.EnumerateObject())
                    p[prop.Name] = prop.Value.ValueKind == JsonValueKind.String ? prop.Value.GetString()! : prop.Value.GetRawText();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            Reply(id, new ApiCall(new ApiError(400, -1000, "Malformed request."), OrderFault.None, 0), false);
            return;
        }
        switch (method)
        {
            case "session.logon":
                Reply(id, Logon(p), false);
                return;
            case "session.status":
                Reply(id, new ApiCall(ApiResult.Ok(SessionJson()), OrderFault.None, 0), false);
                return;
            case "session.logout":
                _loggedOnKey = null;
                Reply(id, new ApiCall(ApiResult.Ok(SessionJson()), OrderFault.None, 0), false);
                return;
            case "userDataStream.subscribe":
                Reply(id, Subscribe(_loggedOnKey is null ? new ApiError(401, -2015, "Invalid API-key, IP, or permissions for action.") : null), false);
                return;
            case "userDataStream.subscribe.signature":
                Reply(id, Subscribe(_owner.VerifyWs(p) ?? SignatureVerifier.CheckTimestamp(p, FakeBinanceExchange.NowMs())), false);
                return;
            case "userDataStream.unsubscribe":
                Volatile.Write(ref _subscriptionId, -1);
                Reply(id, new ApiCall(ApiResult.Ok("{}"), OrderFault.None, 0), false);
                return;
            case "session.subscriptions":
                Reply(id, new ApiCall(ApiResult.Ok(Subscribed ? $"[{{\"subscriptionId\":{_subscriptionId}}}]" : "[]"), OrderFault.None, 0), false);
                return;
        }
        string op = method switch
        {
            "allOrders" => "",
            "myTrades" => "myTrades",
            "account.position" or "v2/account.position" => "positionRisk",
            "v2/account.status" => "account.status",
            _ => method,
        };
        bool loggedOn = _loggedOnKey is not null && !p.ContainsKey("signature");
        Func<ApiError?>? authenticate = Unsigned.Contains(op) ? null : loggedOn ? null : () => _owner.VerifyWs(p);
        var call = _owner.Invoke(op, p, authenticate);
        switch (call.Fault)
        {
            case OrderFault.DelayedArrival:
                _ = ArriveLateAsync(id, op, p, authenticate); // later requests on this connection overtake it
                return;
            case OrderFault.LostAck:
                return;
            case OrderFault.Disconnect:
                _socket.Abort();
                return;
            case OrderFault.DelayedAck:
                await Task.Delay(_owner.Options.DelayedAck).ConfigureAwait(false);
                break;
        }
        Reply(id, call, op is "order.place" or "order.cancelReplace" or "order.modify");
    }

    private async Task ArriveLateAsync(string id, string op, Dictionary<string, string> p, Func<ApiError?>? authenticate)
    {
        var call = await _owner.ArriveLateAsync(op, p, authenticate).ConfigureAwait(false);
        Reply(id, call, op is "order.place" or "order.cancelReplace" or "order.modify");
    }

    private ApiCall Logon(Dictionary<string, string> p)
    {
        string key = OrderEngine.Get(p, "apiKey");
        // Only Ed25519 keys can log on; Binance answers other keys as a signature it cannot verify (users report -1022).
        if (key.Length > 0 && !_owner.IsEd25519Key(key) && _owner.VerifyWs(p) is null)
            return new ApiCall(ApiError.BadSignature, OrderFault.None, 0);
        if ((_owner.VerifyWs(p) ?? SignatureVerifier.CheckTimestamp(p, FakeBinanceExchange.NowMs())) is { } error)
            return new ApiCall(error, OrderFault.None, 0);
        _loggedOnKey = key;
        _authorizedSince = FakeBinanceExchange.NowMs();
        return new ApiCall(ApiResult.Ok(SessionJson()), OrderFault.None, 0);
    }

    private ApiCall Subscribe(ApiError? error)
    {
        if (error is not null) return new ApiCall(error, OrderFault.None, 0);
        if (Subscribed) return new ApiCall(new ApiError(400, -2035, "User Data Stream subscription already active."), OrderFault.None, 0);
        int id = _nextSubscriptionId++;
        Volatile.Write(ref _subscriptionId, id);
        return new ApiCall(ApiResult.Ok($"{{\"subscriptionId\":{id}}}"), OrderFault.None, 0);
    }

    private string SessionJson() =>
        $"{{\"apiKey\":{(_loggedOnKey is null ? "null" : $"\"{_loggedOnKey}\"")},\"authorizedSince\":{(_loggedOnKey is null ? "null" : _authorizedSince)}," +
        $"\"connectedSince\":{_connectedSince},\"returnRateLimits\":true,\"serverTime\":{FakeBinanceExchange.NowMs()},\"userDataStream\":{(Subscribed ? "true" : "false")}}}";

    private void Reply(string id, ApiCall call, bool withOrders)
    {
        string limits = _owner.RateLimitsJson(withOrders);
        var r = call.Result;
        string text;
        if (r.Error is { } e)
        {
            string data = r.Json is not null ? ",\"data\":" + r.Json
                : call.RetryAfterSeconds > 0 ? $",\"data\":{{\"serverTime\":{FakeBinanceExchange.NowMs()},\"retryAfter\":{FakeBinanceExchange.NowMs() + call.RetryAfterSeconds * 1000L}}}" : "";
            text = $"{{\"id\":{id},\"status\":{e.HttpStatus},\"error\":{e.Json[..^1]}{data}}},\"rateLimits\":{limits}}}";
        }
        else
        {
            text = $"{{\"id\":{id},\"status\":200,\"result\":{r.Json},\"rateLimits\":{limits}}}";
        }
        _outgoing.Writer.TryWrite(Encoding.UTF8.GetBytes(text));
    }
}
