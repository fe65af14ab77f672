using HftScalper.Inference.Onnx;
using Microsoft.ML.Trainers.FastTree;

namespace HftScalper.Training.Export;

/// <summary>
/// Turns ML.NET's public trained-tree view (<see cref="RegressionTreeEnsemble"/>) into our <see cref="TreeNode"/>
/// arrays. ML.NET's node i splits on <c>NumericalSplitFeatureIndexes[i] &lt;= NumericalSplitThresholds[i]</c> (true
/// goes to <c>LeftChild[i]</c>); a negative child <c>c</c> is leaf <c>~c</c>. Nodes are re-laid in pre-order so
/// children always follow their parent, as <see cref="TreeEnsemble"/> requires.
/// </summary>
internal static class MlNetTreeConverter
{
    /// <summary>
    /// Converts every tree of <paramref name="ensemble"/> into trees of <paramref name="outputs"/>-wide leaves that
    /// put <c>scale · weight · leaf</c> in column <paramref name="column"/> (zeros elsewhere). The ensemble's bias,
    /// times <paramref name="scale"/>, plus <paramref name="shift"/>, is added to the first tree's leaves, so the
    /// column's sum is exactly <c>scale · (Bias + Σ weight·tree) + shift</c>.
    /// </summary>
    public static List<TreeNode[]> Convert(RegressionTreeEnsemble ensemble, int outputs, int column, double scale, double shift)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(column, outputs);
        var result = new List<TreeNode[]>(ensemble.Trees.Count);
        double bias = scale * ensemble.Bias + shift;
        for (int t = 0; t < ensemble.Trees.Count; t++)
        {
            double weight = scale * ensemble.TreeWeights[t];
            result.Add(ConvertTree(ensemble.Trees[t], outputs, column, weight, t == 0 ? bias : 0));
        }
        if (result.Count == 0) result.Add([Leaf(outputs, column, bias)]);
        return result;
    }

    private static TreeNode[] ConvertTree(RegressionTree tree, int outputs, int column, double weight, double add)
    {
        if (tree.NumberOfNodes == 0) return [Leaf(outputs, column, weight * tree.LeafValues[0] + add)];
        for (int i = 0; i < tree.NumberOfNodes; i++)
            if (tree.CategoricalSplitFlags[i]) throw new NotSupportedException("categorical splits cannot be exported (train with UseCategoricalSplit = false)");
        var nodes = new List<TreeNode>(tree.NumberOfNodes + tree.NumberOfLeaves);
        Emit(tree, 0, nodes, outputs, column, weight, add);
        return [.. nodes];
    }

    // Pre-order: the node's slot is reserved, then its left and right subtrees are emitted, then the slot is filled.
    private static int Emit(RegressionTree tree, int child, List<TreeNode> nodes, int outputs, int column, double weight, double add)
    {
        int index = nodes.Count;
        if (child < 0)
        {
            nodes.Add(Leaf(outputs, column, weight * tree.LeafValues[~child] + add));
            return index;
        }
        nodes.Add(default);
        int left = Emit(tree, tree.LeftChild[child], nodes, outputs, column, weight, add);
        int right = Emit(tree, tree.RightChild[child], nodes, outputs, column, weight, add);
        nodes[index] = TreeNode.Split(tree.NumericalSplitFeatureIndexes[child], tree.NumericalSplitThresholds[child], left, right);
        return index;
    }

    /// <summary>A leaf with <paramref name="value"/> in <paramref name="column"/> and zeros elsewhere.</summary>
    public static TreeNode Leaf(int outputs, int column, double value)
    {
        var v = new float[outputs];
        v[column] = (float)value;
        return TreeNode.Leaf(v);
    }
}
