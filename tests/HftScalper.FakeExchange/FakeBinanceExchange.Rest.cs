using System.Net.WebSockets;
using HftScalper.FakeExchange.Orders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace HftScalper.FakeExchange;

// REST order endpoints (spot /api/v3, USD-M /fapi, COIN-M /dapi) and the WebSocket API endpoints.
public sealed partial class FakeBinanceExchange
{
    private static void MapOrderRoutes(WebApplication app, FakeBinanceExchange fake)
    {
        void Rest(string verb, string path, string op) => app.MapMethods(path, [verb], ctx => fake.RestAsync(ctx, op));
        foreach (var prefix in new[] { "/api/v3", "/fapi/v1", "/dapi/v1" })
        {
            Rest("POST", prefix + "/order", "order.place");
            Rest("DELETE", prefix + "/order", "order.cancel");
            Rest("GET", prefix + "/order", "order.status");
            Rest("GET", prefix + "/openOrders", "openOrders.status");
            Rest("GET", prefix + "/exchangeInfo", "exchangeInfo");
            Rest("GET", prefix + "/time", "time");
            Rest("GET", prefix + "/ping", "ping");
        }
        Rest("DELETE", "/api/v3/openOrders", "openOrders.cancelAll");
        Rest("GET", "/api/v3/account", "account.status");
        Rest("GET", "/api/v3/myTrades", "myTrades");
        Rest("POST", "/api/v3/order/cancelReplace", "order.cancelReplace");
        foreach (var futures in new[] { "/fapi/v1", "/dapi/v1" }) // USD-M and COIN-M take the same parameters
        {
            Rest("PUT", futures + "/order", "order.modify");
            Rest("DELETE", futures + "/allOpenOrders", "openOrders.cancelAll");
            Rest("GET", futures + "/userTrades", "myTrades");
            Rest("POST", futures + "/countdownCancelAll", "countdownCancelAll");
            app.MapMethods(futures + "/listenKey", ["POST", "PUT", "DELETE"], ctx => fake.ListenKeyAsync(ctx));
        }
        Rest("GET", "/dapi/v2/leverageBracket", "leverageBracket"); // per symbol (v1 answers per pair)
        Rest("GET", "/fapi/v1/leverageBracket", "leverageBracket");
        Rest("GET", "/dapi/v1/positionRisk", "positionRisk"); // COIN-M keeps these at v1
        Rest("GET", "/dapi/v1/account", "account.status");
        Rest("GET", "/fapi/v2/positionRisk", "positionRisk");
        Rest("GET", "/fapi/v3/positionRisk", "positionRisk");
        Rest("GET", "/fapi/v2/account", "account.status");
        Rest("GET", "/fapi/v3/account", "account.status");
        app.Map("/ws-api/v3", ctx => fake.AcceptWsApiAsync(ctx));
        app.Map("/ws-fapi/v1", ctx => fake.AcceptWsApiAsync(ctx));
        app.Map("/ws-dapi/v1", ctx => fake.AcceptWsApiAsync(ctx));
    }

    private async Task RestAsync(HttpContext ctx, string op)
    {
        string query = ctx.Request.QueryString.Value ?? "";
        string body = "";
        if (ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(ctx.Request.Body);
            body = await reader.ReadToEndAsync(ctx.RequestAborted).ConfigureAwait(false);
        }
        var p = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in QueryHelpers.ParseQuery(query)) p[k] = v.ToString();
        foreach (var (k, v) in QueryHelpers.ParseQuery(body)) p[k] = v.ToString();
        string? apiKey = ctx.Request.Headers["X-MBX-APIKEY"].FirstOrDefault();
        Func<ApiError?> authenticate = () => _verifier.VerifyRest(apiKey, query, body);
        var call = Invoke(op, p, authenticate);
        if (call.Fault == OrderFault.DelayedArrival) call = await ArriveLateAsync(op, p, authenticate).ConfigureAwait(false);
        switch (call.Fault)
        {
            case OrderFault.LostAck:
                using (var hang = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, _stop.Token))
                {
                    try { await Task.Delay(Timeout.Infinite, hang.Token).ConfigureAwait(false); }
                    catch (OperationCanceledException) { }
                }
                ctx.Abort();
                return;
            case OrderFault.Disconnect:
                ctx.Abort();
                return;
            case OrderFault.DelayedAck:
                await Task.Delay(Options.DelayedAck, ctx.RequestAborted).ConfigureAwait(false);
                break;
        }
        foreach (var (name, value) in RateHeaders()) ctx.Response.Headers[name] = value;
        await WriteAsync(ctx, call).ConfigureAwait(false);
    }

    private static async Task WriteAsync(HttpContext ctx, ApiCall call)
    {
        var r = call.Result;
        ctx.Response.ContentType = "application/json;charset=UTF-8";
        if (r.Error is { } e)
        {
            ctx.Response.StatusCode = e.HttpStatus;
            if (call.RetryAfterSeconds > 0) ctx.Response.Headers.RetryAfter = Invariant(call.RetryAfterSeconds);
            string body = r.Json is null ? e.Json : e.Json[..^1] + ",\"data\":" + r.Json + "}";
            await ctx.Response.WriteAsync(body).ConfigureAwait(false);
            return;
        }
        await ctx.Response.WriteAsync(r.Json!).ConfigureAwait(false);
    }

    private async Task ListenKeyAsync(HttpContext ctx)
    {
        string? apiKey = ctx.Request.Headers["X-MBX-APIKEY"].FirstOrDefault();
        ctx.Response.ContentType = "application/json;charset=UTF-8";
        ApiError? error;
        lock (_gate) error = _verifier.CheckKey(apiKey);
        if (error is not null)
        {
            ctx.Response.StatusCode = error.HttpStatus;
            await ctx.Response.WriteAsync(error.Json).ConfigureAwait(false);
            return;
        }
        string? key = ctx.Request.Query["listenKey"].FirstOrDefault();
        switch (ctx.Request.Method)
        {
            case "POST":
                await ctx.Response.WriteAsync($"{{\"listenKey\":\"{CreateListenKey()}\"}}").ConfigureAwait(false);
                return;
            case "PUT":
                if (!KeepAliveListenKey(key))
                {
                    ctx.Response.StatusCode = 400;
                    await ctx.Response.WriteAsync("{\"code\":-1125,\"msg\":\"This listenKey does not exist.\"}").ConfigureAwait(false);
                    return;
                }
                await ctx.Response.WriteAsync("{}").ConfigureAwait(false);
                return;
            default:
                DeleteListenKey(key);
                await ctx.Response.WriteAsync("{}").ConfigureAwait(false);
                return;
        }
    }

    private async Task AcceptWsApiAsync(HttpContext ctx)
    {
        if (!ctx.WebSockets.IsWebSocketRequest)
        {
            ctx.Response.StatusCode = 400;
            return;
        }
        var ws = await ctx.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { KeepAliveInterval = Options.PingInterval }).ConfigureAwait(false);
        var c = new WsApiConnection(ws, this);
        AddWsApi(c);
        try
        {
            await c.RunAsync(_stop.Token).ConfigureAwait(false);
        }
        finally
        {
            RemoveWsApi(c);
            ws.Dispose();
        }
    }
}
