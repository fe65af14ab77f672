using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class ModelValidatorTests : IDisposable
{
    private readonly LifecycleModels _m = new();

    public void Dispose() => _m.Dispose();

    private ModelValidationReport Check(string path, float[]? rows = null, ModelValidationOptions? options = null)
    {
        var report = _m.Validator(options).Validate(path, rows ?? LifecycleModels.Rows(16), out var session);
        Assert.Equal(report.Passed, session is not null);
        session?.Dispose();
        return report;
    }

    [Fact]
    public void A_valid_classifier_passes_on_the_canary_rows()
    {
        var path = _m.Write("good.onnx", 1);

        var r = Check(path);

        Assert.True(r.Passed, r.Message);
        Assert.Equal(16, r.CanaryRows);
        Assert.False(r.CanaryWasZeros);
        Assert.Equal(64, r.Sha256.Length);
        Assert.Equal("good", r.Metadata!.Name);
        Assert.True(r.MedianLatencyMicros > 0);
    }

    [Fact]
    public void Without_recent_rows_a_zero_row_is_used_and_said_so()
    {
        var r = Check(_m.Write("good.onnx", 1), rows: []);
        Assert.True(r.Passed, r.Message);
        Assert.True(r.CanaryWasZeros);
        Assert.Contains("zeros", r.Message);
    }

    [Fact]
    public void A_truncated_file_is_unreadable()
    {
        var good = File.ReadAllBytes(_m.Write("good.onnx", 1));
        var path = Path.Combine(_m.Dir, "cut.onnx");
        File.WriteAllBytes(path, good[..(good.Length / 2)]);

        var r = Check(path);

        Assert.Equal(ModelRejection.Unreadable, r.Rejection);
        Assert.Contains("truncated", r.Message);
    }

    [Fact]
    public void A_model_of_another_feature_schema_is_refused_naming_the_difference()
    {
        var other = ModelFixtures.Schema(LifecycleModels.F, version: 2);
        var r = Check(_m.Write("old.onnx", 1, schema: other));

        Assert.Equal(ModelRejection.SchemaMismatch, r.Rejection);
        Assert.Contains("feature schema", r.Message);
        Assert.Contains("v1", r.Message);
    }

    [Fact]
    public void NaN_outputs_on_the_canary_rows_are_refused()
    {
        var r = Check(_m.Write("nan.onnx", 1, nan: true));
        Assert.Equal(ModelRejection.NonFiniteOutput, r.Rejection);
    }

    [Fact]
    public void Scores_that_are_not_probabilities_are_refused()
    {
        var r = Check(_m.Write("logits.onnx", 1, softmax: false));
        Assert.Equal(ModelRejection.NotProbabilities, r.Rejection);
    }

    [Fact]
    public void A_classifier_without_down_flat_up_classes_is_refused()
    {
        var r = Check(_m.Write("abc.onnx", 1, classes: ["a", "b", "c"]));
        Assert.Equal(ModelRejection.WrongShape, r.Rejection);
        Assert.Contains("down, flat, up", r.Message);
    }

    [Fact]
    public void A_model_slower_than_the_budget_is_refused()
    {
        // 100 ns is below any ONNX Runtime call: the rule must refuse.
        var r = Check(_m.Write("good.onnx", 1), options: new ModelValidationOptions { LatencyBudget = TimeSpan.FromTicks(1) });
        Assert.Equal(ModelRejection.TooSlow, r.Rejection);
        Assert.Contains("budget", r.Message);
    }

    [Fact]
    public void A_missing_file_is_unreadable_and_nothing_throws()
    {
        var r = Check(Path.Combine(_m.Dir, "nope.onnx"));
        Assert.Equal(ModelRejection.Unreadable, r.Rejection);
    }
}
