using System.Text;
using HftScalper.Binance.Limits;
using HftScalper.Binance.Rules;

namespace HftScalper.Binance.Tests.Rules;

public sealed class ExchangeInfoParserTests
{
    private static ExchangeInfo Parse(string json) => ExchangeInfoParser.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Spot_rate_limits_are_read_with_their_header_suffixes()
    {
        var info = Parse(ExchangeInfoSamples.Spot);

        Assert.Equal(1565246363776, info.ServerTimeMs);
        Assert.Equal(
            [
                new RateLimitRule(RateLimitType.RequestWeight, 'M', 1, 6000),
                new RateLimitRule(RateLimitType.Orders, 'S', 10, 50),
                new RateLimitRule(RateLimitType.Orders, 'D', 1, 160000),
                new RateLimitRule(RateLimitType.RawRequests, 'M', 5, 61000),
            ],
            info.RateLimits);
        Assert.Equal(["1M", "10S", "1D", "5M"], info.RateLimits.Select(r => r.HeaderSuffix));
    }

    [Fact]
    public void Spot_filters_map_every_documented_key()
    {
        var f = Parse(ExchangeInfoSamples.Spot).Symbols["ETHBTC"];

        Assert.Equal(("TRADING", "ETH", "BTC"), (f.Status, f.BaseAsset, f.QuoteAsset));
        Assert.Equal((0.000001m, 100000m, 0.000001m), (f.MinPrice, f.MaxPrice, f.TickSize));
        Assert.Equal((0.001m, 100000m, 0.001m), (f.MinQty, f.MaxQty, f.StepSize));
        Assert.Equal((0m, 1000m, 0m), (f.MarketMinQty, f.MarketMaxQty, f.MarketStepSize));
        Assert.Equal((0.0001m, 9000000m, false), (f.MinNotional, f.MaxNotional, f.MinNotionalAppliesToMarket));
        Assert.Equal((1.2m, 0.2m, 5m, 0.8m), (f.BidMultiplierUp, f.BidMultiplierDown, f.AskMultiplierUp, f.AskMultiplierDown));
        Assert.Equal(200, f.MaxNumOrders);
    }

    [Fact]
    public void UsdM_filters_use_notional_and_limit_keys()
    {
        var info = Parse(ExchangeInfoSamples.UsdM);
        var f = info.Symbols["BLZUSDT"];

        Assert.Equal(new RateLimitRule(RateLimitType.Orders, 'S', 10, 300), info.RateLimits[2]);
        Assert.Equal(5.0m, f.MinNotional);
        Assert.True(f.MinNotionalAppliesToMarket);
        Assert.Equal(200, f.MaxNumOrders);
        Assert.Equal((1.15m, 0.85m), (f.MultiplierUp, f.MultiplierDown));
        Assert.Equal((1m, 590119m, 1m), (f.MarketMinQty, f.MarketMaxQty, f.MarketStepSize));
    }

    [Fact]
    public void Rules_pick_the_fewest_decimals_and_scale_every_filter()
    {
        var r = SymbolRules.Create(Parse(ExchangeInfoSamples.UsdM).Symbols["BLZUSDT"]);

        Assert.Equal((4, 0), (r.PriceDecimals, r.QuantityDecimals));
        Assert.Equal((1L, 3_000_000L, 1L), (r.MinPrice, r.MaxPrice, r.TickSize));
        Assert.Equal(50_000L, r.MinNotional); // 5.0 at 4+0 decimals
        Assert.Equal((115_000_000L, 85_000_000L), (r.MultiplierUp, r.MultiplierDown));
        Assert.Equal("0.0123", r.FormatPrice(123));
    }

    [Fact]
    public void A_tick_of_five_hundredths_becomes_five_units_at_two_decimals()
    {
        var r = SymbolRules.Create(Parse(ExchangeInfoSamples.Spot).Symbols["XYZUSDT"]);

        Assert.Equal((2, 2), (r.PriceDecimals, r.QuantityDecimals));
        Assert.Equal((5L, 5L, 100_000L), (r.TickSize, r.MinPrice, r.MaxPrice));
        Assert.Equal((25L, 10L), (r.StepSize, r.MinQty));
        Assert.Equal(100_000L, r.MinNotional); // 10 at 2+2 decimals
        var info = r.ToSymbolInfo(3, "binance-spot");
        Assert.Equal((3, "XYZUSDT", 2, 2, 5L, 25L, 100_000L, 10L),
            (info.Id, info.Name, info.PriceDecimals, info.QuantityDecimals, info.TickSize, info.LotSize, info.MinNotional, info.MinQuantity));
    }

    [Fact]
    public void A_filter_finer_than_the_requested_scale_is_refused_not_rounded()
    {
        var f = Parse(ExchangeInfoSamples.Spot).Symbols["ETHBTC"];

        var e = Assert.Throws<FormatException>(() => SymbolRules.Create(f, priceDecimals: 4));

        Assert.Contains("ETHBTC", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"symbols\": [{\"symbol\": \"A\", \"filters\": [{\"filterType\": \"PRICE_FILTER\", \"tickSize\": \"abc\"}]}]}")]
    [InlineData("{\"symbols\": [")]
    [InlineData("[1,2]")]
    public void Malformed_documents_are_a_format_error(string json)
    {
        Assert.Throws<FormatException>(() => Parse(json));
    }

    [Fact]
    public void Coinm_symbols_carry_their_contract_size_and_margin_coin()
    {
        // Shape of GET /dapi/v1/exchangeInfo (BTCUSD_PERP: 100 USD contracts, margined in BTC, whole contracts).
        var info = Parse("""
            {"timezone":"UTC","serverTime":1,"rateLimits":[],"symbols":[
             {"symbol":"BTCUSD_PERP","pair":"BTCUSD","contractType":"PERPETUAL","contractSize":100,"marginAsset":"BTC",
              "baseAsset":"BTC","quoteAsset":"USD","quantityPrecision":0,"filters":[
               {"filterType":"PRICE_FILTER","minPrice":"1000","maxPrice":"4520958","tickSize":"0.1"},
               {"filterType":"LOT_SIZE","minQty":"1","maxQty":"1000000","stepSize":"1"}]},
             {"symbol":"BTCUSDT","baseAsset":"BTC","quoteAsset":"USDT","marginAsset":"USDT","filters":[]}]}
            """);

        var coin = info.Symbols["BTCUSD_PERP"];
        Assert.Equal((100L, "BTC", "USD", 1m, 0.1m), (coin.ContractSize, coin.MarginAsset, coin.QuoteAsset, coin.StepSize, coin.TickSize));
        Assert.Equal((0L, "USDT"), (info.Symbols["BTCUSDT"].ContractSize, info.Symbols["BTCUSDT"].MarginAsset));
    }
}
