using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Models;

namespace HftScalper.Training.Export;

/// <summary>
/// Exports regime sets as ONE ONNX model each, built with <see cref="TreeEnsembleModelBuilder"/>:
/// <list type="bullet">
/// <item>Direction: every class model's trees (Platt slope and offset folded into the leaves) in one
/// TreeEnsembleRegressor giving three logits, then <c>Sigmoid</c> (the per-class one-vs-rest probability),
/// <c>ReduceSum</c> and <c>Div</c> (normalise) -> <c>scores [B,3]</c> = P(down, flat, up).</item>
/// <item>Return: TreeEnsembleRegressor -> <c>scores [B,1]</c> = expected forward mid change in bps of the mid.</item>
/// </list>
/// Per-regime models are gated inside the trees (<see cref="RegimeGate"/>), so the selector is part of the graph.
/// </summary>
internal static class TreeModelExporter
{
    /// <summary>Builds the direction classifier graph.</summary>
    public static ModelProto Direction(RegimeSet<DirectionModel> set, int width)
    {
        ArgumentNullException.ThrowIfNull(set);
        const int outputs = DirectionClass.Count;
        var trees = new List<TreeNode[]>();
        foreach (int r in Regimes(set))
        {
            var model = set.For(r);
            for (int k = 0; k < outputs; k++)
            {
                var c = model.Classes[k];
                // p = 1 / (1 + exp(slope*raw + offset)) = sigmoid(-slope*raw - offset)
                foreach (var t in MlNetTreeConverter.Convert(c.Ensemble, outputs, k, -c.Slope, -c.Offset))
                    trees.Add(set.IsGated ? RegimeGate.Gate(t, set.RegimeFeature, r, outputs) : t);
            }
        }
        var proto = TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(width, outputs, trees));
        var graph = proto.Graph;
        const string logits = "logits", probs = "class_probabilities", sum = "probability_sum", axes = "sum_axes";
        graph.Node[0].Output[0] = logits;
        graph.Output.Clear();
        graph.Initializer.Add(OnnxGraph.Int64Tensor(axes, [1], [1]));
        graph.Node.Add(OnnxGraph.Node("Sigmoid", "ovr_probability", [logits], [probs]));
        graph.Node.Add(OnnxGraph.Node("ReduceSum", "normaliser", [probs, axes], [sum], "", OnnxGraph.Int("keepdims", 1)));
        graph.Node.Add(OnnxGraph.Node("Div", "normalise", [probs, sum], [OnnxGraph.ScoresName]));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, outputs));
        return proto;
    }

    /// <summary>Builds the forward-return regressor graph.</summary>
    public static ModelProto Return(RegimeSet<ReturnModel> set, int width)
    {
        ArgumentNullException.ThrowIfNull(set);
        var trees = new List<TreeNode[]>();
        foreach (int r in Regimes(set))
            foreach (var t in MlNetTreeConverter.Convert(set.For(r).Ensemble, 1, 0, 1, 0))
                trees.Add(set.IsGated ? RegimeGate.Gate(t, set.RegimeFeature, r, 1) : t);
        return TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(width, 1, trees));
    }

    private static IEnumerable<int> Regimes<T>(RegimeSet<T> set) where T : class =>
        set.IsGated ? Enumerable.Range(0, RegimeGate.Regimes) : [0];
}
