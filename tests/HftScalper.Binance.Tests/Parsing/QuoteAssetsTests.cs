using HftScalper.Binance.Parsing;
using HftScalper.Core.Symbols;

namespace HftScalper.Binance.Tests.Parsing;

/// <summary>Every registered Binance symbol knows its quote asset: the filter table's, else the longest Binance quote
/// asset its name ends with; a name that ends in none is unknown (and never traded).</summary>
public sealed class QuoteAssetsTests
{
    [Theory]
    [InlineData("BTCUSDT", "USDT")]
    [InlineData("ETHBTC", "BTC")]
    [InlineData("BTCFDUSD", "FDUSD")] // not USD: the longest suffix wins
    [InlineData("BTCTUSD", "TUSD")]
    [InlineData("OMGBUSD", "BUSD")]
    [InlineData("BTCUSD", "USD")]
    [InlineData("RUNEEUR", "EUR")]
    [InlineData("blzeth", "ETH")]
    [InlineData("BTCUSD_PERP", "USD")]
    [InlineData("ETHUSDT_250328", "USDT")]
    [InlineData("FOOXYZ", SymbolInfo.UnknownQuote)]
    [InlineData("USDT", SymbolInfo.UnknownQuote)] // a bare asset is no pair
    public void The_name_says_the_quote_asset_longest_suffix_first(string symbol, string quote) =>
        Assert.Equal(quote, QuoteAssets.Infer(symbol));

    [Fact]
    public void Registration_records_the_quote_asset_of_known_and_unknown_symbols()
    {
        var registry = new SymbolRegistry();

        Assert.Equal("BTC", KnownSymbols.Register(registry, "binance-spot", "ETHBTC").QuoteAsset);
        Assert.Equal("FDUSD", KnownSymbols.Register(registry, "binance-spot", "BTCFDUSD").QuoteAsset);
        Assert.Equal("ETH", KnownSymbols.Register(registry, "binance-spot", "BLZETH").QuoteAsset);
        Assert.Equal("USDT", KnownSymbols.Register(registry, "binance-usdm", "BTCUSDT").QuoteAsset);
        Assert.Null(KnownSymbols.QuoteAsset("generic", "AAPL"));
    }

    [Fact]
    public void Binance_us_symbols_take_no_binance_com_filters()
    {
        var registry = new SymbolRegistry();

        var btc = KnownSymbols.Register(registry, KnownSymbols.UsSpotVenue, "BTCUSDT");

        Assert.False(KnownSymbols.TryGet(KnownSymbols.UsSpotVenue, "BTCUSDT", out _));
        Assert.True(btc.HasGenericScales);
        Assert.Equal(0, KnownSymbols.MinNotionalUnits(KnownSymbols.UsSpotVenue, "BTCUSDT", 2, 5));
        Assert.Equal("USDT", btc.QuoteAsset);
    }
}
