using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// A tree ensemble of uneven trees (what gradient boosting with a leaf budget grows: twenty leaves, depth up to
/// twelve and more), flattened as they are: one 16-byte node per split, each tree's nodes contiguous in pre-order,
/// a child index below zero naming a leaf (<c>~index</c>). A row walks four trees at a time, a finished walk standing
/// still until the other three end, so the dependent loads of four walks overlap. Completing such trees to one depth
/// (<see cref="CompiledTreeEnsemble"/>) would multiply their size a hundredfold.
/// </summary>
internal sealed class CompactTreeEnsemble : TreeKernel
{
    /// <summary>One split: test <c>x[Feature]</c> against <c>Threshold</c>; "true" goes to <c>True</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Node
    {
        /// <summary>Feature index.</summary>
        public int Feature;

        /// <summary>Split threshold.</summary>
        public float Threshold;

        /// <summary>Node index when the test holds, or ~leaf.</summary>
        public int True;

        /// <summary>Node index otherwise (NaN included), or ~leaf.</summary>
        public int False;
    }

    private readonly Node[] _nodes;
    private readonly int[] _roots;       // per tree: node index, or ~leaf for a single-leaf tree
    private readonly float[] _leaf;      // single target: [leaf]; else [leaf * Outputs + k]
    private readonly int[]? _treeTarget;
    private readonly bool _lessThan;

    /// <summary>Flattened arrays built by <see cref="TreeGraphCompiler"/>.</summary>
    public CompactTreeEnsemble(int depth, int outputs, int features, TreeComparison comparison, Node[] nodes, int[] roots, float[] leaf, int[]? treeTarget)
    {
        Depth = depth;
        Outputs = outputs;
        Features = features;
        _lessThan = comparison == TreeComparison.Less;
        _nodes = nodes;
        _roots = roots;
        _leaf = leaf;
        _treeTarget = treeTarget;
    }

    /// <inheritdoc />
    public override int Trees => _roots.Length;

    /// <inheritdoc />
    public override int Depth { get; }

    /// <inheritdoc />
    public override int Outputs { get; }

    /// <inheritdoc />
    public override int Features { get; }

    /// <inheritdoc />
    public override string Layout => "compact trees";

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums)
    {
        if (row.Length < Features || sums.Length < Outputs) throw new ArgumentException("row or sums too short");
        ref float x = ref MemoryMarshal.GetReference(row);
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref int roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        bool lt = _lessThan;
        int trees = _roots.Length, tree = 0;
        for (; tree + 4 <= trees; tree += 4)
        {
            int i0 = Unsafe.Add(ref roots, tree), i1 = Unsafe.Add(ref roots, tree + 1);
            int i2 = Unsafe.Add(ref roots, tree + 2), i3 = Unsafe.Add(ref roots, tree + 3);
            while ((i0 & i1 & i2 & i3) >= 0) // until all four reached a leaf (sign bit set in each)
            {
                i0 = Step(ref x, ref nodes, i0, lt);
                i1 = Step(ref x, ref nodes, i1, lt);
                i2 = Step(ref x, ref nodes, i2, lt);
                i3 = Step(ref x, ref nodes, i3, lt);
            }
            // Added in tree order: the sum must be rounded as ONNX Runtime rounds it.
            Add(ref s, tree, ~i0);
            Add(ref s, tree + 1, ~i1);
            Add(ref s, tree + 2, ~i2);
            Add(ref s, tree + 3, ~i3);
        }
        for (; tree < trees; tree++)
        {
            int i = Unsafe.Add(ref roots, tree);
            while (i >= 0) i = Step(ref x, ref nodes, i, lt);
            Add(ref s, tree, ~i);
        }
    }

    // A walk at a leaf (i < 0) stays there; otherwise one split ("true" -> True, anything else, NaN included -> False).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Step(ref float x, ref Node nodes, int i, bool lt)
    {
        if (i < 0) return i;
        ref Node n = ref Unsafe.Add(ref nodes, i);
        float v = Unsafe.Add(ref x, n.Feature);
        bool go = lt ? v < n.Threshold : v <= n.Threshold;
        return go ? n.True : n.False;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ref float s, int tree, int leaf)
    {
        if (_treeTarget is { } targets)
        {
            Unsafe.Add(ref s, targets[tree]) += _leaf[leaf];
            return;
        }
        int k = Outputs;
        for (int j = 0; j < k; j++) Unsafe.Add(ref s, j) += _leaf[leaf * k + j];
    }
}
