using HftScalper.Features.Schema;
using HftScalper.Inference.Metadata;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Inference.Tests.Support;

namespace HftScalper.Inference.Tests.Contracts;

/// <summary>Real ONNX models for contract tests: classifiers in any class order, regressors, and one graph with both heads.</summary>
internal static class ContractModels
{
    public const int F = 4;

    public static FeatureSchema Schema { get; } = ModelFixtures.Schema(F);

    /// <summary>Metadata naming <paramref name="names"/> as the columns of the first output.</summary>
    public static ModelMetadata Metadata(string[] names, ModelOutputKind kind = ModelOutputKind.Classification, string labellingJson = "") =>
        ModelFixtures.Metadata(Schema, names.Length, kind) with
        {
            OutputNames = names,
            ValidationMetricsJson = labellingJson.Length == 0 ? """{"accuracy":0.5}""" : "{\"labelling\":" + labellingJson + "}",
        };

    /// <summary>
    /// A softmax MLP whose output columns are the seed's down/flat/up probabilities in <paramref name="order"/>
    /// (indices into <c>[down, flat, up]</c>): the same model with its classes permuted.
    /// </summary>
    public static ModelProto Classifier(int[] order, int seed = 11) => WithColumnOrder(Classifier(3, seed), order);

    /// <summary>
    /// <paramref name="model"/> with its <c>scores</c> columns reordered by a Gather at the end of the graph: column i
    /// of the result is column <c>order[i]</c> of the model (the same numbers, listed in another order).
    /// </summary>
    public static ModelProto WithColumnOrder(ModelProto model, int[] order)
    {
        var m = model.Clone();
        foreach (var node in m.Graph.Node)
            for (int i = 0; i < node.Output.Count; i++)
                if (node.Output[i] == OnnxGraph.ScoresName) node.Output[i] = "scores_in_model_order";
        m.Graph.Initializer.Add(OnnxGraph.Int64Tensor("column_order", [order.Length], [.. order.Select(o => (long)o)]));
        m.Graph.Node.Add(OnnxGraph.Node("Gather", "reorder", ["scores_in_model_order", "column_order"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", 1)));
        return m;
    }

    /// <summary>A softmax MLP with <paramref name="classes"/> outputs.</summary>
    public static ModelProto Classifier(int classes, int seed = 11) =>
        MlpModelBuilder.Build(RandomModels.Mlp(new Random(seed), F, 6, classes), OutputActivation.Softmax);

    /// <summary>A one-target tree regressor.</summary>
    public static ModelProto Regressor(int seed = 3) =>
        TreeEnsembleModelBuilder.BuildRegressor(RandomModels.Trees(new Random(seed), F, 1, 10, 3));

    /// <summary>
    /// One graph, two heads: <c>scores [B,3]</c> = softmax class probabilities in <paramref name="order"/> (of
    /// down/flat/up) and <c>ret [B,1]</c> = a linear expected return, both from the same hidden layer.
    /// </summary>
    public static ModelProto DirectionAndReturn(int[] order, int seed = 11)
    {
        var rng = new Random(seed);
        var hidden = RandomModels.Dense(rng, F, 6);
        var probs = RandomModels.Dense(rng, 6, 3);
        var ret = RandomModels.Dense(rng, 6, 1);
        var g = new GraphProto { Name = "two-heads" };
        g.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, F));
        void Dense(string name, DenseLayer l, string input, string output)
        {
            g.Initializer.Add(OnnxGraph.FloatTensor(name + "W", [l.Outputs, l.Inputs], l.Weights));
            g.Initializer.Add(OnnxGraph.FloatTensor(name + "b", [l.Outputs], l.Bias));
            g.Node.Add(OnnxGraph.Node("Gemm", name, [input, name + "W", name + "b"], [output], "", OnnxGraph.Int("transB", 1)));
        }
        Dense("hidden", hidden, OnnxGraph.InputName, "h");
        g.Node.Add(OnnxGraph.Node("Relu", "relu", ["h"], ["hr"]));
        Dense("logits", probs, "hr", "logits");
        g.Node.Add(OnnxGraph.Node("Softmax", "softmax", ["logits"], ["probs"], "", OnnxGraph.Int("axis", -1)));
        g.Initializer.Add(OnnxGraph.Int64Tensor("column_order", [3], [.. order.Select(o => (long)o)]));
        g.Node.Add(OnnxGraph.Node("Gather", "reorder", ["probs", "column_order"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", 1)));
        Dense("ret", ret, "hr", "ret");
        g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, 3));
        g.Output.Add(OnnxGraph.BatchedTensor("ret", TensorProto.Types.DataType.Float, 1));
        return OnnxGraph.Model(g, usesMlDomain: false);
    }
}
