using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// A tree ensemble flattened into complete binary trees of one depth: every tree is stored as <c>2^D - 1</c> split
/// nodes in breadth-first order (children of node i at 2i+1 "true" and 2i+2 "false") and <c>2^D</c> leaves, a
/// shallower leaf being repeated under dummy splits whose two sides are equal. A row then walks each tree in exactly D
/// steps with no data-dependent branch (<c>i = 2i + 1 + (x &gt; t)</c>), four trees interleaved so the loads overlap.
/// Sums are taken in tree order in single precision, as ONNX Runtime does on one thread, so results match it to
/// rounding of the post operations.
/// </summary>
internal sealed class CompiledTreeEnsemble : TreeKernel
{
    private readonly int[] _feature;      // [tree * Inner + node]
    private readonly float[] _threshold;  // [tree * Inner + node]
    private readonly float[] _leaf;       // single target: [tree * Leaves + leaf]; else [(tree * Leaves + leaf) * Outputs + k]
    private readonly int[]? _treeTarget;  // single target per tree: the output column each tree adds to
    private readonly int _inner;
    private readonly int _leaves;

    /// <summary>Flattened arrays built by <see cref="TreeGraphCompiler"/>.</summary>
    public CompiledTreeEnsemble(int trees, int depth, int outputs, int features, TreeComparison comparison,
        int[] feature, float[] threshold, float[] leaf, int[]? treeTarget)
    {
        Trees = trees;
        Depth = depth;
        Outputs = outputs;
        Features = features;
        Comparison = comparison;
        _inner = (1 << depth) - 1;
        _leaves = 1 << depth;
        if (feature.Length != trees * _inner || threshold.Length != trees * _inner) throw new ArgumentException("split arrays do not match the tree count and depth");
        if (leaf.Length != trees * _leaves * (treeTarget is null ? outputs : 1)) throw new ArgumentException("leaf array does not match the tree count and depth");
        if (treeTarget is not null && treeTarget.Length != trees) throw new ArgumentException("one target per tree expected");
        _feature = feature;
        _threshold = threshold;
        _leaf = leaf;
        _treeTarget = treeTarget;
    }

    /// <inheritdoc />
    public override int Trees { get; }

    /// <inheritdoc />
    public override int Depth { get; }

    /// <inheritdoc />
    public override int Outputs { get; }

    /// <inheritdoc />
    public override int Features { get; }

    /// <summary>The split test.</summary>
    public TreeComparison Comparison { get; }

    /// <inheritdoc />
    public override string Layout => "complete trees";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums)
    {
        if (row.Length < Features || sums.Length < Outputs) throw new ArgumentException("row or sums too short");
        ref float x = ref MemoryMarshal.GetReference(row);
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref int f = ref MemoryMarshal.GetArrayDataReference(_feature);
        ref float t = ref MemoryMarshal.GetArrayDataReference(_threshold);
        ref float leaf = ref MemoryMarshal.GetArrayDataReference(_leaf);
        int inner = _inner, depth = Depth, trees = Trees;
        bool lt = Comparison == TreeComparison.Less;
        int tree = 0;
        // Four trees at a time: their walks are independent, so the CPU overlaps the dependent loads.
        for (; tree + 4 <= trees; tree += 4)
        {
            int b0 = tree * inner, b1 = b0 + inner, b2 = b1 + inner, b3 = b2 + inner;
            int i0 = 0, i1 = 0, i2 = 0, i3 = 0;
            for (int d = 0; d < depth; d++)
            {
                i0 = Step(ref x, ref f, ref t, b0, i0, lt);
                i1 = Step(ref x, ref f, ref t, b1, i1, lt);
                i2 = Step(ref x, ref f, ref t, b2, i2, lt);
                i3 = Step(ref x, ref f, ref t, b3, i3, lt);
            }
            // Added in tree order: the sum must be rounded as ONNX Runtime rounds it.
            Add(ref s, ref leaf, tree, i0 - inner);
            Add(ref s, ref leaf, tree + 1, i1 - inner);
            Add(ref s, ref leaf, tree + 2, i2 - inner);
            Add(ref s, ref leaf, tree + 3, i3 - inner);
        }
        for (; tree < trees; tree++)
        {
            int b = tree * inner, i = 0;
            for (int d = 0; d < depth; d++) i = Step(ref x, ref f, ref t, b, i, lt);
            Add(ref s, ref leaf, tree, i - inner);
        }
    }

    // "True" (x <= t, or x < t) goes to 2i+1, anything else (NaN included) to 2i+2, as ONNX without missing tracks.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref float x, ref int f, ref float t, int b, int i, bool lt)
    {
        float v = Unsafe.Add(ref x, Unsafe.Add(ref f, b + i));
        float th = Unsafe.Add(ref t, b + i);
        bool go = lt ? v < th : v <= th;
        return 2 * i + 2 - (go ? 1 : 0);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ref float s, ref float leaf, int tree, int leafIndex)
    {
        int slot = tree * _leaves + leafIndex;
        if (_treeTarget is { } targets)
        {
            Unsafe.Add(ref s, targets[tree]) += Unsafe.Add(ref leaf, slot);
            return;
        }
        int k = Outputs;
        ref float values = ref Unsafe.Add(ref leaf, slot * k);
        for (int j = 0; j < k; j++) Unsafe.Add(ref s, j) += Unsafe.Add(ref values, j);
    }
}
