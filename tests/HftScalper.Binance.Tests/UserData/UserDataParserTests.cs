using System.Text;
using HftScalper.Binance.UserData;
using HftScalper.Core.Events;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Tests.UserData;

/// <summary>User data events, from Binance's documented examples, into typed records with integer prices and sizes.</summary>
public sealed class UserDataParserTests
{
    // Spot "executionReport" as in the User Data Stream docs (ETHBTC, a NEW limit buy), wrapped as the WebSocket API sends it.
    private const string DocExecutionReport =
        """{"subscriptionId":0,"event":{"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"NEW","X":"NEW","r":"NONE","i":4293153,"l":"0.00000000","z":"0.00000000","L":"0.00000000","n":"0","N":null,"T":1499405658657,"t":-1,"v":3,"I":8641984,"w":true,"m":false,"M":false,"O":1499405658657,"Z":"0.00000000","Y":"0.00000000","Q":"0.00000000","W":1499405658657,"V":"NONE"}}""";

    private readonly List<string> _log = [];
    private readonly SymbolRegistry _symbols = new();
    private readonly UserDataParser _parser;

    public UserDataParserTests()
    {
        _symbols.Register("ETHBTC", "binance-spot", 8, 4);   // price unit 0.00000001, step 0.0001
        _symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        _parser = new UserDataParser(_symbols, _log.Add);
    }

    private UserDataEvent Parse(string json)
    {
        var status = _parser.TryParse(Encoding.UTF8.GetBytes(json), out var evt);
        Assert.Equal(UserDataParseStatus.Parsed, status);
        return evt!;
    }

    [Fact]
    public void Documented_execution_report_becomes_an_order_update_in_ticks_and_lots()
    {
        var r = Assert.IsType<OrderUpdate>(Parse(DocExecutionReport));

        Assert.Equal(UserDataMarket.Spot, r.Market);
        Assert.Equal("ETHBTC", r.Symbol);
        Assert.True(r.SymbolKnown);
        Assert.Equal("mUvoqJxFIILMdfAW5iGSOW", r.ClientOrderId);
        Assert.Null(r.OriginalClientOrderId);
        Assert.Equal(Side.Bid, r.Side);
        Assert.Equal("LIMIT", r.OrderType);
        Assert.Equal("GTC", r.TimeInForce);
        Assert.Equal(ExecutionType.New, r.ExecutionType);
        Assert.Equal(OrderStatus.New, r.Status);
        Assert.Equal(4293153, r.OrderId);
        Assert.Equal(10_264_410, r.Price);  // 0.10264410 at 8 decimals
        Assert.Equal(10_000, r.Quantity);   // 1.0000 at 4 decimals
        Assert.Equal(-1, r.TradeId);
        Assert.Null(r.CommissionAsset);
        Assert.Null(r.RejectReason);
        Assert.Equal(1499405658657, r.TransactionTimeMs);
        Assert.Equal(1499405658658, r.EventTimeMs);
    }

    [Fact]
    public void A_price_off_the_symbols_grid_is_malformed_counted_and_logged_never_rounded()
    {
        // ETHBTC's price unit here is 10^-8: a ninth non-zero decimal cannot be represented.
        var status = _parser.TryParse(Encoding.UTF8.GetBytes(DocExecutionReport.Replace("\"p\":\"0.10264410\"", "\"p\":\"0.102644101\"")), out var evt);

        Assert.Equal(UserDataParseStatus.Malformed, status);
        Assert.Null(evt);
        Assert.Equal(1, _parser.Malformed);
        Assert.Contains(_log, l => l.Contains("price 'p'", StringComparison.Ordinal) && !l.Contains("mUvo", StringComparison.Ordinal));
    }

    [Fact]
    public void A_fill_carries_last_and_cumulative_quantities_commission_trade_id_and_maker_flag()
    {
        const string fill = """{"e":"executionReport","E":2,"s":"BTCUSDT","c":"hft-1","S":"SELL","o":"LIMIT_MAKER","f":"GTC","q":"0.01000000","p":"52000.00000000","C":"","x":"TRADE","X":"PARTIALLY_FILLED","r":"NONE","i":7,"l":"0.00400000","z":"0.00600000","L":"52000.01000000","n":"0.00104000","N":"BNB","T":3,"t":99,"m":true,"Z":"312.00006000"}""";

        var r = Assert.IsType<OrderUpdate>(Parse(fill));

        Assert.True(r.IsFill);
        Assert.Equal(Side.Ask, r.Side);
        Assert.Equal(5_200_000, r.Price);
        Assert.Equal(5_200_001, r.LastPrice);
        Assert.Equal(400, r.LastQuantity);
        Assert.Equal(600, r.CumulativeQuantity);
        Assert.Equal(31_200_006_000, r.CumulativeQuote);
        Assert.Equal(104_000, r.Commission);
        Assert.Equal("BNB", r.CommissionAsset);
        Assert.Equal(99, r.TradeId);
        Assert.True(r.IsMaker);
    }

    [Fact]
    public void Account_position_balance_update_and_stream_terminated_are_typed()
    {
        var position = Assert.IsType<AccountPositionUpdate>(Parse(
            """{"subscriptionId":0,"event":{"e":"outboundAccountPosition","E":1728972148778,"u":1728972148778,"B":[{"a":"BTC","f":"11818.00000000","l":"182.00000000"},{"a":"USDT","f":"10580.00000000","l":"70.00000000"}]}}"""));
        var delta = Assert.IsType<BalanceDelta>(Parse(
            """{"e":"balanceUpdate","E":1573200697110,"a":"BTC","d":"-100.00000000","T":1573200697068}"""));
        var ended = Assert.IsType<StreamTerminated>(Parse("""{"subscriptionId":0,"event":{"e":"eventStreamTerminated","E":1728973001334}}"""));

        Assert.Equal(1728972148778, position.LastUpdateTimeMs);
        Assert.Equal(new AssetBalance("BTC", 1_181_800_000_000, 18_200_000_000), position.Balances[0]);
        Assert.Equal(new AssetBalance("USDT", 1_058_000_000_000, 7_000_000_000), position.Balances[1]);
        Assert.Equal(-10_000_000_000, delta.Delta);
        Assert.Equal(1573200697068, delta.ClearTimeMs);
        Assert.Equal(1728973001334, ended.EventTimeMs);
    }

    [Fact]
    public void Listen_key_expired_reads_its_time_sent_as_a_string()
    {
        var e = Assert.IsType<ListenKeyExpired>(Parse("""{"e":"listenKeyExpired","E":"1736996475556","listenKey":"WsCMN0a4KHUPTQuX6IUnqEZfB1inxmv1qR4kbf1LuEjur5VdbzqvyxqG9TSjVVxv"}"""));

        Assert.Equal(1736996475556, e.EventTimeMs);
    }

    [Fact]
    public void An_unknown_symbol_is_kept_at_scale_8_and_counted()
    {
        var r = Assert.IsType<OrderUpdate>(Parse(DocExecutionReport.Replace("ETHBTC", "XYZUSDT")));

        Assert.False(r.SymbolKnown);
        Assert.Equal(8, r.PriceDecimals);
        Assert.Equal(10_264_410, r.Price);
        Assert.Equal(1, _parser.UnknownSymbols);
    }

    [Fact]
    public void An_event_type_not_used_here_is_ignored_not_malformed()
    {
        var status = _parser.TryParse("""{"e":"listStatus","E":1,"s":"ETHBTC"}"""u8, out var evt);

        Assert.Equal(UserDataParseStatus.Ignored, status);
        Assert.Null(evt);
        Assert.Equal(0, _parser.Malformed);
        Assert.Equal(1, _parser.Ignored);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("[]")]
    [InlineData("null")]
    [InlineData("{\"e\":\"executionReport\"}")]
    [InlineData("{\"e\":\"executionReport\",\"E\":1,\"s\":\"BTCUSDT\",\"c\":\"a\",\"S\":\"SIDEWAYS\",\"x\":\"NEW\",\"X\":\"NEW\",\"i\":1}")]
    [InlineData("{\"e\":\"executionReport\",\"E\":1,\"s\":\"BTCUSDT\",\"c\":\"a\",\"S\":\"BUY\",\"x\":\"NEW\",\"X\":\"NEW\",\"i\":\"x\"}")]
    [InlineData("{\"e\":\"ACCOUNT_UPDATE\",\"E\":1,\"a\":{\"B\":[1]}}")]
    [InlineData("{\"e\":\"outboundAccountPosition\",\"E\":1,\"B\":{}}")]
    [InlineData("{\"e\":\"balanceUpdate\",\"E\":1,\"a\":\"BTC\",\"d\":\"1e5\"}")]
    [InlineData("{\"subscriptionId\":0,\"event\":[1]}")]
    [InlineData("{\"e\":\"ORDER_TRADE_UPDATE\",\"E\":1,\"o\":\"x\"}")]
    public void Broken_messages_are_malformed_and_never_throw(string json)
    {
        var status = _parser.TryParse(Encoding.UTF8.GetBytes(json), out var evt);

        Assert.Equal(UserDataParseStatus.Malformed, status);
        Assert.Null(evt);
        Assert.Equal(1, _parser.Malformed);
        Assert.Single(_log);
    }
}
