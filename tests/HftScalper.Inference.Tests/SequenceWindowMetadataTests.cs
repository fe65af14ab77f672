using HftScalper.Inference.Metadata;
using HftScalper.Inference.Tests.Support;
using ModelMetadata = HftScalper.Inference.Metadata.ModelMetadata;

namespace HftScalper.Inference.Tests;

/// <summary>
/// <c>hft.sequence_window</c> (how serving cuts a sequence model's windows) reads back as written, is absent from models
/// that have none, and a malformed value is refused by name.
/// </summary>
public sealed class SequenceWindowMetadataTests
{
    private static ModelMetadata Sequence() =>
        ModelFixtures.Metadata(ModelFixtures.Schema(4), 3, input: ModelInputKind.Sequence, steps: 60) with { OutputNames = ["down", "flat", "up"] };

    [Fact]
    public void The_window_reads_back_as_written_and_older_models_have_none()
    {
        var window = new SequenceWindow(250_000_000, 4, 5_000_000_000);
        var read = ModelMetadata.Parse((Sequence() with { SequenceWindow = window }).ToProperties());
        Assert.Equal(window, read.SequenceWindow);
        Assert.Equal(1_000_000_000, read.SequenceWindow!.CadenceNs);
        Assert.Equal(237, read.SequenceWindow.SpanRows(60));

        var plain = Sequence().ToProperties();
        Assert.False(plain.ContainsKey("hft.sequence_window"));
        Assert.Null(ModelMetadata.Parse(plain).SequenceWindow);
    }

    [Theory]
    [InlineData("""{"sampleIntervalMs":250,"stride":0,"maxGapMs":5000}""")]
    [InlineData("""{"sampleIntervalMs":250,"maxGapMs":5000}""")]
    [InlineData("not json")]
    public void A_malformed_window_is_refused_by_name(string value)
    {
        var props = new Dictionary<string, string>(Sequence().ToProperties()) { ["hft.sequence_window"] = value };
        var e = Assert.Throws<ModelMetadataException>(() => ModelMetadata.Parse(props));
        Assert.Contains("hft.sequence_window", e.Message, StringComparison.Ordinal);
    }
}
