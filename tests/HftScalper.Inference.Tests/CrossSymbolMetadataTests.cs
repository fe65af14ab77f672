using HftScalper.Features.CrossSymbol;
using HftScalper.Features.Engine;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests;

/// <summary>The <c>hft.features.cross_symbol</c> key: written, read back, turns the block on for serving, absent on
/// older models, and a block version this engine does not compute is refused with a message that says so.</summary>
public sealed class CrossSymbolMetadataTests
{
    private static ModelMetadata Base() => ModelFixtures.Metadata(ModelFixtures.Schema(4), 3) with { OutputNames = ["down", "flat", "up"] };

    [Fact]
    public void Settings_round_trip_and_turn_the_block_on_only_for_a_model_that_declares_it()
    {
        var cross = new CrossSymbolOptions("btcusdt") { IntervalNs = 500_000_000, SlowIntervals = 10 };

        var read = ModelMetadata.Parse((Base() with { CrossSymbol = cross }).ToProperties());

        Assert.Equal(cross, read.CrossSymbol);
        Assert.Equal("BTCUSDT", read.CrossSymbol!.Leader);
        Assert.Equal(cross, read.FeatureOptions().CrossSymbol);
        var older = ModelMetadata.Parse(Base().ToProperties());
        Assert.Null(older.CrossSymbol);
        // A model without the block is served without it even when the run's base options had one.
        Assert.Null(older.FeatureOptions(FeatureEngineOptions.Default with { CrossSymbol = cross }).CrossSymbol);
    }

    [Fact]
    public void A_block_version_this_engine_does_not_compute_is_refused_by_name()
    {
        var json = new CrossSymbolOptions("BTCUSDT").ToJson().Replace("\"version\":1", "\"version\":2", StringComparison.Ordinal);
        var props = new Dictionary<string, string>(Base().ToProperties()) { ["hft.features.cross_symbol"] = json };

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));

        Assert.Contains("hft.features.cross_symbol", e.Message, StringComparison.Ordinal);
        Assert.Contains("declares cross-symbol feature block v2, but this engine computes v1 only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_value_is_refused_by_name()
    {
        var props = new Dictionary<string, string>(Base().ToProperties()) { ["hft.features.cross_symbol"] = """{"version":1,"leader":"BTCUSDT"}""" };

        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));

        Assert.Contains("hft.features.cross_symbol", e.Message, StringComparison.Ordinal);
        Assert.Contains("intervalMs", e.Message, StringComparison.Ordinal);
    }
}
