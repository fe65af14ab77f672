using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace HftScalper.FakeExchange;

// HTTP and WebSocket endpoints, fault commands and the book view for assertions.
public sealed partial class FakeBinanceExchange
{
    /// <summary>Applies <paramref name="fault"/> to the next <paramref name="count"/> depth messages of <paramref name="symbol"/>.</summary>
    public void InjectDepthFault(string symbol, DepthFault fault, int count = 1)
    {
        lock (_gate) for (int i = 0; i < count; i++) _faults[symbol].Enqueue(fault);
    }

    /// <summary>Answers the next <paramref name="count"/> snapshot requests with <paramref name="status"/> (429 or
    /// 418) and <c>Retry-After</c>.</summary>
    public void FailNextSnapshots(int count, int status, TimeSpan retryAfter)
    {
        lock (_gate) for (int i = 0; i < count; i++) _restFaults.Enqueue((status, retryAfter));
    }

    /// <summary>Aborts every open connection (TCP reset, no close frame).</summary>
    public void DisconnectAll()
    {
        foreach (var c in OpenConnections) c.Abort();
    }

    /// <summary>Sends <c>{"e":"serverShutdown"}</c> on every open connection and closes them after <paramref name="closeAfter"/>.</summary>
    public void SendServerShutdown(TimeSpan closeAfter)
    {
        var doomed = OpenConnections;
        var msg = Encoding.UTF8.GetBytes($"{{\"e\":\"serverShutdown\",\"E\":{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}}}");
        foreach (var c in doomed) c.Send(msg);
        _ = Task.Run(async () =>
        {
            await Task.Delay(closeAfter).ConfigureAwait(false);
            foreach (var c in doomed) await c.CloseAsync(WebSocketCloseStatus.EndpointUnavailable, "server shutdown").ConfigureAwait(false);
        });
    }

    /// <summary>Makes every open connection silent (no data, no answers) while its socket stays open.</summary>
    public void FreezeOpenConnections()
    {
        foreach (var c in OpenConnections) c.Freeze();
    }

    /// <summary>Sends raw text to every open connection (malformed frames).</summary>
    public void SendRaw(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        foreach (var c in OpenConnections) c.Send(bytes);
    }

    /// <summary>Sends a syntactically valid combined-stream message of about <paramref name="bytes"/> bytes.</summary>
    public void SendOversized(int bytes)
    {
        string pad = new('x', Math.Max(0, bytes - 64));
        SendRaw($"{{\"stream\":\"btcusdt@depth@100ms\",\"data\":{{\"pad\":\"{pad}\"}}}}");
    }

    /// <summary>Stops generating updates (waits for the tick in progress).</summary>
    public void Pause() { lock (_gate) _paused = true; }

    /// <summary>Resumes generating updates.</summary>
    public void Resume() { lock (_gate) _paused = false; }

    /// <summary>The source book: its update id and top <paramref name="depth"/> levels a side (best first).</summary>
    public (long UpdateId, (long Price, long Quantity)[] Bids, (long Price, long Quantity)[] Asks) GetBook(string symbol, int depth)
    {
        lock (_gate)
        {
            if (_recorded is { } r) return (r.LastUpdateId, r.TopBids(depth), r.TopAsks(depth));
            var b = _books[symbol];
            return (b.LastUpdateId, b.TopBids(depth), b.TopAsks(depth));
        }
    }

    /// <summary>The path of the last depth snapshot request (<c>/api/v3/depth</c>, <c>/fapi/v1/depth</c> or <c>/dapi/v1/depth</c>), or null.</summary>
    public string? LastSnapshotPath => Volatile.Read(ref _lastSnapshotPath);

    private async Task DepthAsync(HttpContext ctx)
    {
        Interlocked.Increment(ref _snapshotRequests);
        Volatile.Write(ref _lastSnapshotPath, ctx.Request.Path.Value);
        string symbol = ctx.Request.Query["symbol"].ToString();
        int limit = int.TryParse(ctx.Request.Query["limit"], NumberStyles.Integer, CultureInfo.InvariantCulture, out int l) ? l : 100;
        string body;
        int weight = limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
        lock (_gate)
        {
            long minute = Environment.TickCount64 / 60_000;
            if (minute != _weightMinute) { _weightMinute = minute; _weightUsed = 0; }
            _weightUsed += weight;
            ctx.Response.Headers["X-MBX-USED-WEIGHT-1M"] = _weightUsed.ToString(CultureInfo.InvariantCulture);
            if (_restFaults.TryDequeue(out var fault))
            {
                ctx.Response.StatusCode = fault.Status;
                ctx.Response.Headers.RetryAfter = ((int)Math.Ceiling(fault.RetryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                body = "{\"code\":-1003,\"msg\":\"Too many requests\"}";
            }
            else if (_recorded is { } r && string.Equals(r.Symbol, symbol, StringComparison.OrdinalIgnoreCase))
            {
                body = r.SnapshotJson(limit);
            }
            else if (!_books.TryGetValue(symbol, out var book))
            {
                ctx.Response.StatusCode = 400;
                body = "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}";
            }
            else
            {
                body = book.SnapshotJson(limit, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            }
        }
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(body).ConfigureAwait(false);
    }

    private async Task AcceptAsync(HttpContext ctx, bool combined, string[] streams)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }
        var ws = await ctx.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
        {
            KeepAliveInterval = Options.PingInterval,
            KeepAliveTimeout = Options.PongTimeout,
        }).ConfigureAwait(false);
        var c = new FakeConnection(Interlocked.Increment(ref _connectionIds), ws, combined, streams, this);
        lock (_gate) _connections.Add(c);
        try
        {
            await c.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate) _connections.Remove(c);
            ws.Dispose();
        }
    }
}
