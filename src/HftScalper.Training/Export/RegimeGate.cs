using System.Runtime.CompilerServices;
using HftScalper.Inference.Onnx;

namespace HftScalper.Training.Export;

/// <summary>
/// Routes a row to one regime's trees by the <c>regime_label</c> feature (0 ranging, 1 trending, 2 volatile) inside
/// the trees themselves: each tree of regime r is wrapped in splits that send rows outside r's interval to a zero
/// leaf. The intervals partition the line (<c>x &lt;= 0.5</c>, <c>0.5 &lt; x &lt;= 1.5</c>, <c>x &gt; 1.5</c> or NaN), so
/// every row reaches exactly one regime's trees and the selector costs two comparisons per tree.
/// </summary>
internal static class RegimeGate
{
    /// <summary>Number of regimes.</summary>
    public const int Regimes = 3;

    /// <summary>The regime a <c>regime_label</c> value routes to (the same rule as the exported splits).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RegimeOf(float label) => label <= 0.5f ? 0 : label <= 1.5f ? 1 : 2;

    /// <summary>Wraps <paramref name="tree"/> so it only contributes to rows of <paramref name="regime"/>.</summary>
    public static TreeNode[] Gate(TreeNode[] tree, int feature, int regime, int outputs)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)regime, (uint)Regimes, nameof(regime));
        var zero = TreeNode.Leaf(new float[outputs]);
        return regime switch
        {
            // 0: split(x <= 0.5) -> [tree..] | zero
            0 => [TreeNode.Split(feature, 0.5f, 1, 1 + tree.Length), .. Shift(tree, 1), zero],
            // 2: split(x <= 1.5) -> zero | [tree..]
            2 => [TreeNode.Split(feature, 1.5f, 1, 2), zero, .. Shift(tree, 2)],
            // 1: split(x <= 0.5) -> zero | split(x <= 1.5) -> [tree..] | zero
            _ => [TreeNode.Split(feature, 0.5f, 1, 2), zero, TreeNode.Split(feature, 1.5f, 3, 3 + tree.Length), .. Shift(tree, 3), zero],
        };
    }

    private static TreeNode[] Shift(TreeNode[] tree, int by)
    {
        var r = new TreeNode[tree.Length];
        for (int i = 0; i < tree.Length; i++)
            r[i] = tree[i].IsLeaf ? tree[i] : TreeNode.Split(tree[i].Feature, tree[i].Threshold, tree[i].Left + by, tree[i].Right + by);
        return r;
    }
}
