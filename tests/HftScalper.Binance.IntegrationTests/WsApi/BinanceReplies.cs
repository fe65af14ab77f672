using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using HftScalper.Binance.Auth;

namespace HftScalper.Binance.IntegrationTests.WsApi;

/// <summary>Answers shaped like the examples in Binance's WebSocket API documentation, and signature checks done the
/// way the exchange does them (payload rebuilt from the received params).</summary>
internal static class BinanceReplies
{
    public const string DocApiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
    public const string DocSecret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";

    private const string RateLimits =
        """[{"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":6000,"count":2}]""";

    public static string Ok(Received r, string result) =>
        $$"""{"id":{{r.Id.GetRawText()}},"status":200,"result":{{result}},"rateLimits":{{RateLimits}}}""";

    public static string Error(Received r, int status, int code, string msg) =>
        $$"""{"id":{{r.Id.GetRawText()}},"status":{{status}},"error":{"code":{{code}},"msg":"{{msg}}"},"rateLimits":{{RateLimits}}}""";

    public static string Logon(Received r) => Ok(r,
        $$"""{"apiKey":"{{r.Params.GetProperty("apiKey").GetString()}}","authorizedSince":1649729878532,"connectedSince":1649729873021,"returnRateLimits":false,"serverTime":1649729878630,"userDataStream":false}""");

    public static string Subscribed(Received r, int subscriptionId) => Ok(r, $$"""{"subscriptionId":{{subscriptionId}}}""");

    public static string OrderPlaced(Received r, long orderId) => Ok(r,
        $$"""{"symbol":"{{r.Params.GetProperty("symbol").GetString()}}","orderId":{{orderId}},"orderListId":-1,"clientOrderId":"{{r.Params.GetProperty("newClientOrderId").GetString()}}","transactTime":1660801715639,"price":"{{r.Params.GetProperty("price").GetString()}}","origQty":"{{r.Params.GetProperty("quantity").GetString()}}","executedQty":"0.00000000","cummulativeQuoteQty":"0.00000000","status":"NEW","timeInForce":"GTC","type":"LIMIT","side":"{{r.Params.GetProperty("side").GetString()}}","workingTime":1660801715639,"selfTradePreventionMode":"NONE"}""");

    public static string Event(string evt, int subscriptionId = 0) => $$"""{"subscriptionId":{{subscriptionId}},"event":{{evt}}}""";

    /// <summary>The documented executionReport example, with the symbol, side and numbers of a BTCUSDT fill.</summary>
    public static string ExecutionReportFill(string clientOrderId, long orderId, long tradeId, string lastQty, string cumQty) =>
        $$"""{"e":"executionReport","E":1499405658658,"s":"BTCUSDT","c":"{{clientOrderId}}","S":"SELL","o":"LIMIT","f":"GTC","q":"0.01000000","p":"52000.00000000","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":{{orderId}},"l":"{{lastQty}}","z":"{{cumQty}}","L":"52000.00000000","n":"0.26000000","N":"USDT","T":1499405658657,"t":{{tradeId}},"v":3,"I":8641984,"w":false,"m":true,"M":true,"O":1499405658657,"Z":"260.00000000","Y":"260.00000000","Q":"0.00000000","W":1499405658657,"V":"NONE"}""";

    public static bool HmacValid(Received r, string secret)
    {
        if (!r.Params.TryGetProperty("signature", out var sig)) return false;
        var mac = HMACSHA256.HashData(Encoding.ASCII.GetBytes(secret), Encoding.ASCII.GetBytes(r.SignaturePayload()));
        return Convert.ToHexStringLower(mac) == sig.GetString();
    }

    public static bool Ed25519Valid(Received r, Ed25519Signer key)
    {
        if (!r.Params.TryGetProperty("signature", out var sig) || sig.ValueKind != JsonValueKind.String) return false;
        return key.Verify(Encoding.ASCII.GetBytes(r.SignaturePayload()), Convert.FromBase64String(sig.GetString()!));
    }
}
