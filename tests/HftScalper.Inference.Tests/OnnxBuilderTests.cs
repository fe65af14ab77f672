using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Serving;
using HftScalper.Inference.Tests.Support;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HftScalper.Inference.Tests;

/// <summary>Each builder's model, run by ONNX Runtime, equals a plain C# forward pass on seeded random weights.</summary>
public sealed class OnnxBuilderTests : IDisposable
{
    private const int Rows = 7;
    private readonly ModelFixtures _fx = new();

    public void Dispose() => _fx.Dispose();

    [Theory]
    [InlineData(OutputActivation.Softmax)]
    [InlineData(OutputActivation.None)]
    public void Mlp_matches_reference_forward_pass(OutputActivation activation)
    {
        var rng = new Random(1);
        var layers = RandomModels.Mlp(rng, 12, 16, 8, 3);
        var schema = ModelFixtures.Schema(12);
        var path = _fx.Save(MlpModelBuilder.Build(layers, activation), ModelFixtures.Metadata(schema, 3));
        var x = RandomModels.Floats(rng, Rows * 12);

        var actual = Predict(path, schema, x);

        for (int r = 0; r < Rows; r++)
            AssertClose(ReferenceModels.Mlp(layers, activation, x.AsSpan(r * 12, 12)), actual.AsSpan(r * 3, 3));
    }

    [Fact]
    public void Lstm_matches_reference_forward_pass_with_ONNX_gate_order()
    {
        var rng = new Random(2);
        const int F = 5, H = 6, T = 4, O = 3;
        var lstm = RandomModels.Lstm(rng, F, H);
        var head = RandomModels.Dense(rng, H, O);
        var schema = ModelFixtures.Schema(F);
        var md = ModelFixtures.Metadata(schema, O, input: ModelInputKind.Sequence, steps: T);
        var path = _fx.Save(LstmModelBuilder.Build(lstm, head, T, OutputActivation.Softmax), md);
        var x = RandomModels.Floats(rng, Rows * T * F, 2f);

        var actual = Predict(path, schema, x);

        for (int r = 0; r < Rows; r++)
            AssertClose(ReferenceModels.Lstm(lstm, head, OutputActivation.Softmax, x.AsSpan(r * T * F, T * F), T), actual.AsSpan(r * O, O));
    }

    [Fact]
    public void Tree_regressor_matches_reference_sum_of_leaves()
    {
        var rng = new Random(3);
        var ensemble = RandomModels.Trees(rng, features: 10, outputs: 2, trees: 25, depth: 4);
        var schema = ModelFixtures.Schema(10);
        var path = _fx.Save(TreeEnsembleModelBuilder.BuildRegressor(ensemble), ModelFixtures.Metadata(schema, 2, ModelOutputKind.Regression));
        var x = RandomModels.Floats(rng, Rows * 10);

        var actual = Predict(path, schema, x);

        for (int r = 0; r < Rows; r++)
            AssertClose(ReferenceModels.Trees(ensemble, x.AsSpan(r * 10, 10)), actual.AsSpan(r * 2, 2));
    }

    [Fact]
    public void Tree_classifier_matches_reference_scores_and_labels()
    {
        var rng = new Random(4);
        var ensemble = RandomModels.Trees(rng, features: 6, outputs: 3, trees: 10, depth: 3);
        long[] labels = [-1, 0, 1];
        var model = TreeEnsembleModelBuilder.BuildClassifier(ensemble, labels, softmax: false);
        var schema = ModelFixtures.Schema(6);
        var path = _fx.Save(model, ModelFixtures.Metadata(schema, 3));
        var x = RandomModels.Floats(rng, Rows * 6);

        var scores = Predict(path, schema, x);
        using var plain = new InferenceSession(path);
        using var results = plain.Run([NamedOnnxValue.CreateFromTensor(OnnxGraph.InputName, new DenseTensor<float>(x, [Rows, 6]))]);
        var label = results.First(v => v.Name == OnnxGraph.LabelName).AsTensor<long>().ToArray();

        for (int r = 0; r < Rows; r++)
        {
            var expected = ReferenceModels.Trees(ensemble, x.AsSpan(r * 6, 6));
            AssertClose(expected, scores.AsSpan(r * 3, 3));
            Assert.Equal(labels[ReferenceModels.ArgMax(expected)], label[r]);
        }
    }

    [Fact]
    public void Tree_split_sends_value_equal_to_threshold_left()
    {
        // One split on feature 1 at 0.25: x <= 0.25 -> leaf 1 (value 10), otherwise leaf 2 (value 20).
        var ensemble = new TreeEnsemble(2, 1, [[TreeNode.Split(1, 0.25f, 1, 2), TreeNode.Leaf(10f), TreeNode.Leaf(20f)]]);
        var schema = ModelFixtures.Schema(2);
        var path = _fx.Save(TreeEnsembleModelBuilder.BuildRegressor(ensemble), ModelFixtures.Metadata(schema, 1, ModelOutputKind.Regression));
        float[] x = [9f, 0.25f, 9f, 0.2500001f, 9f, -3f, 0f, float.NaN];

        var y = Predict(path, schema, x, rows: 4);

        Assert.Equal([10f, 20f, 10f, 20f], y);
    }

    private float[] Predict(string path, Features.Schema.FeatureSchema schema, float[] x, int rows = Rows)
    {
        using var session = _fx.Load(path, schema, maxBatch: 8);
        var y = new float[rows * session.OutputWidth];
        Assert.Equal(PredictStatus.Ok, session.Predict(x, rows, y));
        return y;
    }

    private static void AssertClose(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tol = 1e-5 * Math.Max(1, Math.Abs(expected[i]));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tol, $"[{i}] expected {expected[i]:R}, got {actual[i]:R}");
        }
    }
}
