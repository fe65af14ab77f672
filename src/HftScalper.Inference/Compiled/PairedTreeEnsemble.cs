using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// Uneven trees (what gradient boosting with a leaf budget grows) in 8-byte nodes, each tree contiguous in pre-order
/// with its leaves inline: a split's "true" child is the next node and its "false" child <c>Skip</c> nodes on; a leaf
/// has <c>Skip</c> 0 and a NaN threshold, so a walk that reached it stays there. A row walks two trees at a time until
/// both stand on a leaf: one step is a node load, a feature load and a predicted branch (rows of one market follow the
/// same paths from decision to decision, so the CPU runs ahead; a branch-free select was slower), and the two walks
/// overlap. Half the bytes of <see cref="CompactTreeEnsemble"/>'s nodes, one leaf test per pair instead of one per walk
/// and step; on the replay's rows two walks beat four (which spilled registers). On random rows, where every branch is
/// a coin toss, the four-walk layout is faster (bench/README).
/// </summary>
internal sealed class PairedTreeEnsemble : TreeKernel
{
    /// <summary>One node: a split tests <c>x[Feature] &lt;= Threshold</c> ("true" = the next node); a leaf has Skip 0.</summary>
    [StructLayout(LayoutKind.Sequential, Size = 8)]
    public struct Node
    {
        /// <summary>Split threshold for "&lt;=" (a strict "&lt;" is compiled to the float below it); NaN at a leaf.</summary>
        public float Threshold;

        /// <summary>Feature index (0 at a leaf: any valid index, the NaN threshold sends every value "false").</summary>
        public ushort Feature;

        /// <summary>Distance to the "false" child; 0 at a leaf.</summary>
        public ushort Skip;
    }

    /// <summary>Largest feature index + 1 and largest tree (nodes) this layout holds.</summary>
    public const int MaxFeatures = ushort.MaxValue + 1, MaxTreeNodes = ushort.MaxValue;

    private readonly Node[] _nodes;
    private readonly int[] _roots;       // per tree: its first node
    private readonly float[] _leaf;      // per node: single target [node]; else [node * Outputs + k] (leaves only)
    private readonly int[]? _treeTarget; // single target per tree: the output each tree adds to

    /// <summary>Flattened arrays built by <see cref="TreeGraphCompiler"/>.</summary>
    public PairedTreeEnsemble(int depth, int outputs, int features, Node[] nodes, int[] roots, float[] leaf, int[]? treeTarget)
    {
        if (features > MaxFeatures) throw new ArgumentException("too many features for 16-bit indices", nameof(features));
        if (leaf.Length != nodes.Length * (treeTarget is null ? outputs : 1)) throw new ArgumentException("one leaf slot per node expected", nameof(leaf));
        Depth = depth;
        Outputs = outputs;
        Features = features;
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
    public override string Layout => "paired compact trees";

    /// <summary>The split threshold "x &lt; t" becomes: the same test as "x &lt;= Below(t)" for every float x, NaN included.</summary>
    public static float Below(float t) => float.IsNegativeInfinity(t) ? float.NaN : MathF.BitDecrement(t);

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums)
    {
        if (row.Length < Features || sums.Length < Outputs) throw new ArgumentException("row or sums too short");
        ref float x = ref MemoryMarshal.GetReference(row);
        ref float s = ref MemoryMarshal.GetReference(sums);
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref int roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        int trees = _roots.Length, tree = 0;
        for (; tree + 2 <= trees; tree += 2)
        {
            int i0 = Unsafe.Add(ref roots, tree), i1 = Unsafe.Add(ref roots, tree + 1);
            while (true)
            {
                ref Node a = ref Unsafe.Add(ref nodes, i0);
                ref Node b = ref Unsafe.Add(ref nodes, i1);
                int skipA = a.Skip, skipB = b.Skip;
                if ((skipA | skipB) == 0) break; // both on a leaf
                i0 += Next(Unsafe.Add(ref x, a.Feature) <= a.Threshold, skipA);
                i1 += Next(Unsafe.Add(ref x, b.Feature) <= b.Threshold, skipB);
            }
            // Added in tree order: the sum must be rounded as ONNX Runtime rounds it.
            Add(ref s, tree, i0);
            Add(ref s, tree + 1, i1);
        }
        if (tree < trees)
        {
            int i = Unsafe.Add(ref roots, tree);
            while (true)
            {
                ref Node a = ref Unsafe.Add(ref nodes, i);
                int skip = a.Skip;
                if (skip == 0) break;
                i += Next(Unsafe.Add(ref x, a.Feature) <= a.Threshold, skip);
            }
            Add(ref s, tree, i);
        }
    }

    /// <summary>The nodes, each tree contiguous in pre-order from its root (for layouts built over this one).</summary>
    internal ReadOnlySpan<Node> Nodes => _nodes;

    /// <summary>Per tree, its first node.</summary>
    internal ReadOnlySpan<int> Roots => _roots;

    /// <summary>
    /// Walks the trees listed in <paramref name="trees"/> (ascending or not) for the row at <paramref name="x"/>, two at a time as
    /// <see cref="Accumulate"/> does, and writes each one's leaf node to <c>leaves[tree]</c>. No check of lengths: the
    /// caller checked the row once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal void Walk(ref float x, ReadOnlySpan<int> trees, Span<int> leaves)
    {
        ref Node nodes = ref MemoryMarshal.GetArrayDataReference(_nodes);
        ref int roots = ref MemoryMarshal.GetArrayDataReference(_roots);
        ref int list = ref MemoryMarshal.GetReference(trees);
        ref int leaf = ref MemoryMarshal.GetReference(leaves);
        int count = trees.Length, k = 0;
        for (; k + 2 <= count; k += 2)
        {
            int t0 = Unsafe.Add(ref list, k), t1 = Unsafe.Add(ref list, k + 1);
            int i0 = Unsafe.Add(ref roots, t0), i1 = Unsafe.Add(ref roots, t1);
            while (true)
            {
                ref Node a = ref Unsafe.Add(ref nodes, i0);
                ref Node b = ref Unsafe.Add(ref nodes, i1);
                int skipA = a.Skip, skipB = b.Skip;
                if ((skipA | skipB) == 0) break;
                i0 += Next(Unsafe.Add(ref x, a.Feature) <= a.Threshold, skipA);
                i1 += Next(Unsafe.Add(ref x, b.Feature) <= b.Threshold, skipB);
            }
            Unsafe.Add(ref leaf, t0) = i0;
            Unsafe.Add(ref leaf, t1) = i1;
        }
        if (k < count)
        {
            int t = Unsafe.Add(ref list, k), i = Unsafe.Add(ref roots, t);
            while (true)
            {
                ref Node a = ref Unsafe.Add(ref nodes, i);
                int skip = a.Skip;
                if (skip == 0) break;
                i += Next(Unsafe.Add(ref x, a.Feature) <= a.Threshold, skip);
            }
            Unsafe.Add(ref leaf, t) = i;
        }
    }

    /// <summary>Single target: the output each tree adds to; null when a leaf adds to several.</summary>
    internal int[]? TreeTargets => _treeTarget;

    /// <summary>Single target: the value leaf node <paramref name="node"/> adds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal float SingleLeaf(int node) => _leaf[node];

    /// <summary>Several targets: copies the values leaf node <paramref name="node"/> adds, one per output; false when
    /// <paramref name="values"/> held them already (bit for bit).</summary>
    internal bool CopyLeaf(int node, Span<float> values)
    {
        var leaf = _leaf.AsSpan(node * Outputs, Outputs);
        if (MemoryMarshal.Cast<float, int>(leaf).SequenceEqual(MemoryMarshal.Cast<float, int>(values))) return false;
        leaf.CopyTo(values);
        return true;
    }

    /// <summary>Adds leaf node <paramref name="node"/> of tree <paramref name="tree"/> into the sums.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void AddLeaf(ref float s, int tree, int node) => Add(ref s, tree, node);

    // 1 when the test holds, else Skip (0 at a leaf, whose NaN threshold never holds). A branch, not a select: rows
    // of one market follow the same paths from decision to decision, so the predictor runs ahead into the next node.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Next(bool go, int skip) => go ? 1 : skip;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Add(ref float s, int tree, int node)
    {
        if (_treeTarget is { } targets)
        {
            Unsafe.Add(ref s, targets[tree]) += _leaf[node];
            return;
        }
        int k = Outputs;
        for (int j = 0; j < k; j++) Unsafe.Add(ref s, j) += _leaf[node * k + j];
    }
}
