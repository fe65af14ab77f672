namespace HftScalper.Inference.Onnx;

/// <summary>
/// An additive ensemble of decision trees: the output is <c>BaseValues + Σ leaf values reached</c> (one value per
/// target for regression, per class for classification). Each tree's root is node 0.
/// </summary>
public sealed class TreeEnsemble
{
    /// <summary>Creates an ensemble, checking node references, feature indices and leaf widths.</summary>
    public TreeEnsemble(int features, int outputs, IReadOnlyList<TreeNode[]> trees, float[]? baseValues = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(features);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputs);
        ArgumentNullException.ThrowIfNull(trees);
        if (trees.Count == 0) throw new ArgumentException("an ensemble needs at least one tree", nameof(trees));
        if (baseValues is not null && baseValues.Length != outputs)
            throw new ArgumentException($"base values need {outputs} entries, got {baseValues.Length}", nameof(baseValues));
        for (int t = 0; t < trees.Count; t++)
        {
            var nodes = trees[t];
            if (nodes is null || nodes.Length == 0) throw new ArgumentException($"tree {t} is empty", nameof(trees));
            for (int n = 0; n < nodes.Length; n++)
            {
                var node = nodes[n];
                if (node.IsLeaf)
                {
                    if (node.LeafValues!.Length != outputs) throw new ArgumentException($"tree {t} leaf {n} has {node.LeafValues.Length} values, expected {outputs}", nameof(trees));
                    continue;
                }
                if (node.Feature >= features) throw new ArgumentException($"tree {t} node {n} tests feature {node.Feature} of {features}", nameof(trees));
                if (node.Left >= nodes.Length || node.Right >= nodes.Length || node.Left <= n || node.Right <= n)
                    throw new ArgumentException($"tree {t} node {n} points outside the tree or backwards", nameof(trees));
            }
        }
        Features = features;
        Outputs = outputs;
        Trees = trees;
        BaseValues = baseValues;
    }

    /// <summary>Input width.</summary>
    public int Features { get; }

    /// <summary>Number of targets (regression) or classes (classification).</summary>
    public int Outputs { get; }

    /// <summary>The trees; node 0 of each is its root.</summary>
    public IReadOnlyList<TreeNode[]> Trees { get; }

    /// <summary>Added to the summed leaf values, or null for zero.</summary>
    public float[]? BaseValues { get; }
}
