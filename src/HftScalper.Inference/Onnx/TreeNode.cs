namespace HftScalper.Inference.Onnx;

/// <summary>
/// One node of a decision tree: a split <c>x[Feature] &lt;= Threshold ? Left : Right</c> (ONNX <c>BRANCH_LEQ</c>,
/// "true" goes left), or a leaf carrying one value per target/class.
/// </summary>
public readonly record struct TreeNode
{
    private TreeNode(int feature, float threshold, int left, int right, float[]? leafValues)
    {
        Feature = feature;
        Threshold = threshold;
        Left = left;
        Right = right;
        LeafValues = leafValues;
    }

    /// <summary>Feature index tested by a split (unused on leaves).</summary>
    public int Feature { get; }

    /// <summary>Split threshold, a float because the model input is float (a double threshold would be rounded differently).</summary>
    public float Threshold { get; }

    /// <summary>Node index taken when <c>x &lt;= Threshold</c>.</summary>
    public int Left { get; }

    /// <summary>Node index taken otherwise (including NaN input).</summary>
    public int Right { get; }

    /// <summary>Leaf values (one per target or class), or null for a split.</summary>
    public float[]? LeafValues { get; }

    /// <summary>True for a leaf.</summary>
    public bool IsLeaf => LeafValues is not null;

    /// <summary>A split node.</summary>
    public static TreeNode Split(int feature, float threshold, int left, int right)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(feature);
        ArgumentOutOfRangeException.ThrowIfNegative(left);
        ArgumentOutOfRangeException.ThrowIfNegative(right);
        return new TreeNode(feature, threshold, left, right, null);
    }

    /// <summary>A leaf node with one value per target/class.</summary>
    public static TreeNode Leaf(params float[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0) throw new ArgumentException("a leaf needs at least one value", nameof(values));
        return new TreeNode(0, 0, 0, 0, values);
    }
}
