using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>
/// Writes a <see cref="TreeEnsemble"/> as <c>ai.onnx.ml</c> TreeEnsembleRegressor or TreeEnsembleClassifier
/// (opset 3) over <c>features [B,F]</c> float input, summing leaf values (no post transform unless asked).
/// </summary>
public static class TreeEnsembleModelBuilder
{
    /// <summary>Regressor: <c>scores [B,Outputs]</c> = base + Σ leaves.</summary>
    public static ModelProto BuildRegressor(TreeEnsemble ensemble)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        var attrs = NodeAttributes(ensemble, "target");
        attrs.Add(OnnxGraph.Int("n_targets", ensemble.Outputs));
        attrs.Add(OnnxGraph.String("aggregate_function", "SUM"));
        attrs.Add(OnnxGraph.String("post_transform", "NONE"));
        if (ensemble.BaseValues is not null) attrs.Add(OnnxGraph.Floats("base_values", ensemble.BaseValues));

        var graph = new GraphProto { Name = "tree_regressor" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, ensemble.Features));
        graph.Node.Add(OnnxGraph.Node("TreeEnsembleRegressor", "trees", [OnnxGraph.InputName], [OnnxGraph.ScoresName], OnnxGraph.MlDomain, [.. attrs]));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, ensemble.Outputs));
        return OnnxGraph.Model(graph, usesMlDomain: true);
    }

    /// <summary>
    /// Classifier: <c>label [B]</c> (int64, the arg-max class label) and <c>scores [B,Outputs]</c> = base + Σ leaves,
    /// softmaxed when <paramref name="softmax"/>. Use at least three classes: with two, ORT's classifier treats a
    /// single score column specially.
    /// </summary>
    public static ModelProto BuildClassifier(TreeEnsemble ensemble, IReadOnlyList<long> classLabels, bool softmax)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(classLabels);
        if (classLabels.Count != ensemble.Outputs) throw new ArgumentException($"need {ensemble.Outputs} class labels, got {classLabels.Count}", nameof(classLabels));
        var attrs = NodeAttributes(ensemble, "class");
        attrs.Add(OnnxGraph.Ints("classlabels_int64s", classLabels));
        attrs.Add(OnnxGraph.String("post_transform", softmax ? "SOFTMAX" : "NONE"));
        if (ensemble.BaseValues is not null) attrs.Add(OnnxGraph.Floats("base_values", ensemble.BaseValues));

        var graph = new GraphProto { Name = "tree_classifier" };
        graph.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, ensemble.Features));
        graph.Node.Add(OnnxGraph.Node("TreeEnsembleClassifier", "trees", [OnnxGraph.InputName], [OnnxGraph.LabelName, OnnxGraph.ScoresName], OnnxGraph.MlDomain, [.. attrs]));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.LabelName, TensorProto.Types.DataType.Int64));
        graph.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, ensemble.Outputs));
        return OnnxGraph.Model(graph, usesMlDomain: true);
    }

    // The node table is shared by both operators; only the prefix of the leaf-weight attributes differs
    // ("target_*" for the regressor, "class_*" for the classifier).
    private static List<AttributeProto> NodeAttributes(TreeEnsemble e, string leafPrefix)
    {
        var treeIds = new List<long>(); var nodeIds = new List<long>(); var featureIds = new List<long>();
        var modes = new List<string>(); var values = new List<float>(); var trueIds = new List<long>(); var falseIds = new List<long>();
        var leafTree = new List<long>(); var leafNode = new List<long>(); var leafIds = new List<long>(); var leafWeights = new List<float>();
        for (int t = 0; t < e.Trees.Count; t++)
        {
            var nodes = e.Trees[t];
            for (int n = 0; n < nodes.Length; n++)
            {
                var node = nodes[n];
                treeIds.Add(t); nodeIds.Add(n);
                if (node.IsLeaf)
                {
                    featureIds.Add(0); modes.Add("LEAF"); values.Add(0); trueIds.Add(0); falseIds.Add(0);
                    for (int k = 0; k < node.LeafValues!.Length; k++)
                    {
                        leafTree.Add(t); leafNode.Add(n); leafIds.Add(k); leafWeights.Add(node.LeafValues[k]);
                    }
                }
                else
                {
                    featureIds.Add(node.Feature); modes.Add("BRANCH_LEQ"); values.Add(node.Threshold);
                    trueIds.Add(node.Left); falseIds.Add(node.Right);
                }
            }
        }
        return
        [
            OnnxGraph.Ints("nodes_treeids", treeIds), OnnxGraph.Ints("nodes_nodeids", nodeIds),
            OnnxGraph.Ints("nodes_featureids", featureIds), OnnxGraph.Strings("nodes_modes", modes),
            OnnxGraph.Floats("nodes_values", values), OnnxGraph.Ints("nodes_truenodeids", trueIds),
            OnnxGraph.Ints("nodes_falsenodeids", falseIds),
            OnnxGraph.Ints($"{leafPrefix}_treeids", leafTree), OnnxGraph.Ints($"{leafPrefix}_nodeids", leafNode),
            OnnxGraph.Ints($"{leafPrefix}_ids", leafIds), OnnxGraph.Floats($"{leafPrefix}_weights", leafWeights),
        ];
    }
}
