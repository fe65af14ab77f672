using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;
using HftScalper.Training.Data;
using HftScalper.Training.Models;

namespace HftScalper.Training.Export;

/// <summary>
/// Exports regime sets as ONE ONNX model each, built with <see cref="TreeEnsembleModelBuilder"/>:
/// <list type="bullet">
/// <item>Direction, one-vs-rest: every class model's trees (Platt slope and offset folded into the leaves) in one
/// TreeEnsembleRegressor giving three logits, then <c>Sigmoid</c> (the per-class one-vs-rest probability),
/// <c>ReduceSum</c> and <c>Div</c> (normalise) -> <c>scores [B,3]</c> = P(down, flat, up).</item>
/// <item>Direction, two-stage: the move and up-given-move heads' trees give two logits, then <c>Sigmoid</c>,
/// <c>Slice</c>, <c>Mul</c>, <c>Sub</c> and <c>Concat</c> -> <c>scores [B,3]</c> = P(down, flat, up)
/// (<see cref="TwoStage.Compose"/>); the managed tree evaluator compiles that exact tail (TreeGraphCompiler).</item>
/// <item>Return: TreeEnsembleRegressor -> <c>scores [B,1]</c> = expected forward mid change in bps of the mid.</item>
/// </list>
/// Per-regime models are gated inside the trees (<see cref="RegimeGate"/>), so the selector is part of the graph.
/// </summary>
internal static class TreeModelExporter
{
    /// <summary>Builds the direction classifier graph (one-vs-rest or two-stage, by the set's global model).</summary>
    public static ModelProto Direction(RegimeSet<DirectionModel> set, int width)
    {
        ArgumentNullException.ThrowIfNull(set);
        var form = set.Global.Form;
        int heads = DirectionModel.HeadsOf(form);
        var trees = new List<TreeNode[]>();
        foreach (int r in Regimes(set))
        {
            var model = set.For(r);
            if (model.Form != form) throw new ArgumentException("every model of a regime set must have the same form", nameof(set));
            for (int k = 0; k < heads; k++)
            {
                var c = model.Heads[k];
                // p = 1 / (1 + exp(slope*raw + offset)) = sigmoid(-slope*raw - offset); a two-stage move head adds its offset.
                double shift = -c.Offset + (form == DirectionForm.TwoStage && k == 0 ? model.MoveLogitOffset : 0);
                foreach (var t in MlNetTreeConverter.Convert(c.Ensemble, heads, k, -c.Slope, shift))
                    trees.Add(set.IsGated ? RegimeGate.Gate(t, set.RegimeFeature, r, heads) : t);
            }
        }
        var proto = TreeEnsembleModelBuilder.BuildRegressor(new TreeEnsemble(width, heads, trees));
        var graph = proto.Graph;
        const string logits = "logits";
        graph.Node[0].Output[0] = logits;
        graph.Output.Clear();
        if (form == DirectionForm.TwoStage)
        {
            graph.Node.Add(OnnxGraph.Node("Sigmoid", "head_probability", [logits], ["head_probabilities"]));
            ComposeTwoStage(graph, "head_probabilities");
        }
        else
        {
            const string probs = "class_probabilities", sum = "probability_sum", axes = "sum_axes";
            graph.Initializer.Add(OnnxGraph.Int64Tensor(axes, [1], [1]));
            graph.Node.Add(OnnxGraph.Node("Sigmoid", "ovr_probability", [logits], [probs]));
            graph.Node.Add(OnnxGraph.Node("ReduceSum", "normaliser", [probs, axes], [sum], "", OnnxGraph.Int("keepdims", 1)));
            graph.Node.Add(OnnxGraph.Node("Div", "normalise", [probs, sum], [OnnxGraph.ScoresName]));
        }
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, DirectionClass.Count));
        return proto;
    }

    // [pm, pu] -> [pm - pm*pu, 1 - pm, pm*pu] (TwoStage.Compose, in the same order of float operations).
    private static void ComposeTwoStage(GraphProto graph, string probs)
    {
        graph.Initializer.Add(OnnxGraph.Int64Tensor("move_from", [1], [0]));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("move_to", [1], [1]));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("up_to", [1], [2]));
        graph.Initializer.Add(OnnxGraph.Int64Tensor("column_axis", [1], [1]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("one", [1], [1f]));
        graph.Node.Add(OnnxGraph.Node("Slice", "p_move", [probs, "move_from", "move_to", "column_axis"], ["pm"]));
        graph.Node.Add(OnnxGraph.Node("Slice", "p_up_given_move", [probs, "move_to", "up_to", "column_axis"], ["pu"]));
        graph.Node.Add(OnnxGraph.Node("Mul", "p_up", ["pm", "pu"], ["up"]));
        graph.Node.Add(OnnxGraph.Node("Sub", "p_down", ["pm", "up"], ["down"]));
        graph.Node.Add(OnnxGraph.Node("Sub", "p_flat", ["one", "pm"], ["flat"]));
        graph.Node.Add(OnnxGraph.Node("Concat", "class_probabilities", ["down", "flat", "up"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", 1)));
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
