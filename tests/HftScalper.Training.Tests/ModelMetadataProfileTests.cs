using HftScalper.Features.Engine;
using HftScalper.Features.Regime;
using HftScalper.Inference.Metadata;

namespace HftScalper.Training.Tests;

/// <summary>The <c>hft.features.*</c> metadata keys: written only when fitted, read back exactly, checked.</summary>
public sealed class ModelMetadataProfileTests
{
    private static readonly FeatureProfile Fitted = new(new GarchParameters(0.0123, 0.0712, 0.9011), [.. Enumerable.Range(0, 24).Select(h => 1.5 + h / 7.0)]);

    private static ModelMetadata Metadata() => new("m", "1", FeatureEngine.DefaultSchema.Hash, [.. FeatureEngine.DefaultSchema.Features.Select(f => f.Name)],
        ModelInputKind.Tabular, 1, ModelOutputKind.Classification, ["down", "flat", "up"], "scores", TimeSpan.FromSeconds(1),
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddHours(1), "{}", DateTimeOffset.UnixEpoch, "test");

    [Fact]
    public void Fitted_profile_round_trips_through_the_metadata_keys()
    {
        var md = Metadata() with { FeatureProfile = Fitted };

        var props = md.ToProperties();
        var back = ModelMetadata.Parse(props);

        Assert.Equal(Fitted.Identity, props["hft.features.profile"]);
        Assert.Equal(Fitted.GarchJson, props["hft.features.garch"]);
        Assert.Equal(Fitted, back.FeatureProfile);
        var o = back.FeatureOptions(new FeatureEngineOptions { Triggers = DecisionTriggers.Clock });
        Assert.Equal(Fitted.Garch, o.Garch);
        Assert.Equal(DecisionTriggers.Clock, o.Triggers);
    }

    [Fact]
    public void Models_without_the_keys_keep_the_default_profile()
    {
        var props = Metadata().ToProperties();

        var md = ModelMetadata.Parse(props);

        Assert.DoesNotContain(props.Keys, k => k.StartsWith("hft.features.", StringComparison.Ordinal));
        Assert.Same(FeatureProfile.Default, md.FeatureProfile);
        Assert.Null(md.FeatureOptions().Garch);
        Assert.Null(md.FeatureOptions().HourlyActivityBaseline);
    }

    [Fact]
    public void An_identity_that_does_not_match_the_parameters_is_refused()
    {
        var props = new Dictionary<string, string>(Metadata().ToProperties()) { ["hft.features.garch"] = Fitted.GarchJson!, ["hft.features.profile"] = "fp-0000000000000000" };
        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
        Assert.Contains("does not match its parameters", e.Message, StringComparison.Ordinal);

        props["hft.features.garch"] = "{\"omega\":1,\"alpha\":0.6,\"beta\":0.6}";
        props.Remove("hft.features.profile");
        Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
    }
}
