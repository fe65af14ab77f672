using System.Text;
using HftScalper.Binance.Auth;
using HftScalper.Binance.WsApi;

namespace HftScalper.Binance.Tests.WsApi;

/// <summary>The WebSocket API signature payload against the worked HMAC example of Binance's docs.</summary>
public sealed class WsApiParamsTests
{
    [Fact]
    public void Signature_payload_sorts_params_by_name_and_matches_the_documented_hmac_example()
    {
        var p = new WsApiParams()
            .Add("symbol", "BTCUSDT").Add("side", "SELL").Add("type", "LIMIT").Add("timeInForce", "GTC")
            .Add("quantity", "0.01000000").Add("price", "52000.00").Add("newOrderRespType", "ACK")
            .Add("recvWindow", 100).Add("timestamp", 1645423376532)
            .Add("apiKey", "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A")
            .Add("signature", "ignored-by-the-payload");
        using var signer = new HmacSha256Signer("vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A",
            "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j");

        var payload = p.SignaturePayload();

        Assert.Equal("apiKey=vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A&newOrderRespType=ACK&price=52000.00&quantity=0.01000000&recvWindow=100&side=SELL&symbol=BTCUSDT&timeInForce=GTC&timestamp=1645423376532&type=LIMIT",
            Encoding.ASCII.GetString(payload));
        Assert.Equal("cc15477742bd704c29492d96c7ead9414dfd8e0ec4a00f947bb5bb454ddbd08a", signer.Sign(payload));
    }

    [Fact]
    public void Request_json_keeps_decimals_as_strings_and_integers_as_numbers()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var p = new WsApiParams().Add("symbol", "BTCUSDT").Add("price", "52000.00").Add("timestamp", 1645423376532);

        WsApiParams.WriteRequest(buffer, 7, "order.place", p);

        Assert.Equal("""{"id":7,"method":"order.place","params":{"symbol":"BTCUSDT","price":"52000.00","timestamp":1645423376532}}""",
            Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_request_without_params_omits_the_params_object()
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();

        WsApiParams.WriteRequest(buffer, 1, "userDataStream.subscribe", null);

        Assert.Equal("""{"id":1,"method":"userDataStream.subscribe"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
