using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// The paired layout (<see cref="PairedTreeEnsemble"/>) evaluated incrementally: a tree walks again only when one of
/// its splits answers differently from the previous row; every other tree keeps its previous leaf. Consecutive decision
/// rows of one market differ in a few features by a little, so few splits change their answer.
/// <code>
///  per feature f: its splits' thresholds, ascending (as QuickScorer lists them), and P[f] = how many are below x[f]
///  new row: P[f] moves to its new place (only features whose bits changed); every split it passes flipped
///           ->  its tree is marked when that split is on the tree's last path (else the path still holds)
///  marked trees walk (two at a time); the leaves of all trees are added in tree order
/// </code>
/// A split "x &lt;= t" answers "false" exactly when t &lt; x or x is NaN, so the splits answering "false" are always
/// the first P[f] of the list (all of them for NaN) and those that flipped are the ones between the old and new P[f].
/// The result is the stateless walk's bit for bit: the same leaves, added in the same order. When a row moves more
/// splits than the ensemble has trees (a jump, the first row), the marking stops, the positions are found by binary
/// search and every tree walks; after <see cref="JumpsBeforeStateless"/> such rows in a row rows are walked statelessly
/// for <see cref="StatelessRows"/> rows before the incremental walk is tried again, so rows without order cost about
/// what the stateless walk costs. The previous row is remembered per stream (a symbol: <see cref="IncrementalTreeState"/>,
/// allocated at its first row, at most <see cref="MaxStreams"/>), so rows of several symbols interleaved each compare
/// with their own symbol's previous row. One thread at a time (as the model that owns it).
/// </summary>
internal sealed partial class IncrementalTreeEnsemble : TreeKernel
{
    private readonly PairedTreeEnsemble _trees;
    private readonly int[] _features;     // features some split tests, ascending
    private readonly int[] _start;        // per feature (all Features + 1): its first entry in _threshold/_owner
    private readonly float[] _threshold;  // per feature, ascending: the thresholds its splits compare with "<="
    private readonly int[] _owner;        // the tree of each entry
    private readonly int[] _node;         // the split node of each entry
    private readonly int[] _end;          // per node: the end of its subtree (exclusive), so "leaf below node" is one range test
    private readonly uint[] _used;        // per 8 features: which of them splits test (bit j = feature 8b + j)
    private readonly int[] _cell;         // per tree: its first cell in a state's grid (single target: its output's column)
    private readonly int[]? _treeTarget;  // single target per tree: the output it adds to; null = every output
    private readonly int _width;          // cells per grid row: Outputs rounded up to whole vectors of 4
    private readonly int _gridRows;       // grid rows: one per addition step
    private readonly ulong[] _dirty;      // scratch of one row: the marked trees (cleared before the row ends)
    private readonly int[] _walk;         // scratch of one row: the trees to walk
    private readonly int _budget;
    private readonly IncrementalTreeState _shared;  // rows with no stream, or of streams beyond MaxStreams
    private IncrementalTreeState?[] _streams = new IncrementalTreeState?[8]; // per stream id: its state once seen
    private IncrementalTreeState _current;          // the state of the last row

    /// <summary>Lists every split of <paramref name="trees"/> by feature; <paramref name="treeTarget"/> is the output
    /// each tree adds to (null when a leaf adds to several); up to <paramref name="maxStreams"/> streams get a state of
    /// their own.</summary>
    public IncrementalTreeEnsemble(PairedTreeEnsemble trees, int[]? treeTarget, int maxStreams = DefaultMaxStreams)
    {
        ArgumentNullException.ThrowIfNull(trees);
        ArgumentOutOfRangeException.ThrowIfNegative(maxStreams);
        _trees = trees;
        int count = trees.Trees, features = trees.Features;
        var nodes = trees.Nodes;
        var roots = trees.Roots;
        var perFeature = new List<(float Threshold, int Tree, int Node)>[features];
        for (int t = 0; t < count; t++)
        {
            int end = t + 1 < count ? roots[t + 1] : nodes.Length;
            for (int i = roots[t]; i < end; i++)
            {
                var n = nodes[i];
                // A leaf never tests; a NaN threshold (a strict test of -inf) answers "false" for every row: never flips.
                if (n.Skip == 0 || float.IsNaN(n.Threshold)) continue;
                (perFeature[n.Feature] ??= []).Add((n.Threshold, t, i));
            }
        }
        _start = new int[features + 1];
        var used = new List<int>();
        var threshold = new List<float>();
        var owner = new List<int>();
        var splitNode = new List<int>();
        for (int f = 0; f < features; f++)
        {
            _start[f] = threshold.Count;
            if (perFeature[f] is not { } list) continue;
            used.Add(f);
            foreach (var (th, tree, node) in list.OrderBy(e => e.Threshold).ThenBy(e => e.Node))
            {
                threshold.Add(th);
                owner.Add(tree);
                splitNode.Add(node);
            }
        }
        _start[features] = threshold.Count;
        _features = [.. used];
        _threshold = [.. threshold];
        _owner = [.. owner];
        _node = [.. splitNode];
        // Pre-order: a split's subtree ends where its "false" child's subtree ends; a leaf's right after it.
        _end = new int[nodes.Length];
        for (int i = nodes.Length - 1; i >= 0; i--) _end[i] = nodes[i].Skip == 0 ? i + 1 : _end[i + nodes[i].Skip];
        _used = new uint[(features + 7) / 8];
        foreach (int f in _features) _used[f >> 3] |= 1u << (f & 7);
        _dirty = new ulong[(count + 63) / 64];
        _walk = new int[count];
        _budget = count;
        MaxStreams = maxStreams;
        // One grid row per addition step: single target, row j holds the j-th tree of every output (so the outputs'
        // sums advance side by side in one vector); otherwise row t holds tree t's leaf for every output. A shorter
        // column is padded with -0 (IncrementalTreeState), which changes nothing.
        _treeTarget = treeTarget;
        _width = (trees.Outputs + 3) & ~3;
        _cell = new int[count];
        _gridRows = count;
        if (treeTarget is not null)
        {
            var next = new int[trees.Outputs];
            for (int t = 0; t < count; t++) _cell[t] = next[treeTarget[t]]++ * _width + treeTarget[t];
            _gridRows = next.Max();
        }
        else
            for (int t = 0; t < count; t++) _cell[t] = t * _width;
        _current = _shared = NewState();
    }

    /// <inheritdoc />
    public override int Trees => _trees.Trees;

    /// <inheritdoc />
    public override int Depth => _trees.Depth;

    /// <inheritdoc />
    public override int Outputs => _trees.Outputs;

    /// <inheritdoc />
    public override int Features => _trees.Features;

    /// <inheritdoc />
    public override string Layout => "paired compact trees, re-walked on flipped splits";

    /// <summary>Consecutive rows above the budget after which rows are walked statelessly for <see cref="StatelessRows"/> rows.</summary>
    internal const int JumpsBeforeStateless = 8;

    /// <summary>Rows walked statelessly after <see cref="JumpsBeforeStateless"/> jumps in a row, before the incremental walk is tried again.</summary>
    internal const int StatelessRows = 256;

    /// <summary>Whether the last row's stream walks its rows statelessly now (they kept jumping).</summary>
    internal bool Stateless => _current.Stateless > 0;

    /// <summary>Trees walked for the last row (all of them after a jump; for the tests and benchmarks).</summary>
    internal int LastWalked { get; private set; }

    /// <summary>Forgets every stream's previous row: the next row of each walks every tree (the states stay allocated).</summary>
    public void Reset()
    {
        _shared.Reset();
        foreach (var state in _streams) state?.Reset();
    }

    /// <inheritdoc />
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums) => Accumulate(row, sums, -1);

    /// <inheritdoc />
    /// <remarks>The row is compared with the last row of its <paramref name="stream"/> (its symbol): rows of several
    /// symbols interleaved each drift from their own previous row, so each keeps the incremental gain.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums, int stream)
    {
        if (row.Length < Features || sums.Length < Outputs) throw new ArgumentException("row or sums too short");
        ref float x = ref MemoryMarshal.GetReference(row);
        var st = _current = StateOf(stream);
        if (st.Stateless > 0)
        {
            // Rows keep jumping (rows of several symbols under one stream, or rows with no order): walk every tree as
            // the stateless layout does for a while, then try again from a fresh start.
            if (--st.Stateless == 0) st.Primed = false;
            _trees.Accumulate(row, sums);
            LastWalked = Trees;
            return;
        }
        bool primed = st.Primed;
        bool incremental = Move(st, ref x);
        if (incremental) st.Jumps = 0;
        else if (primed && ++st.Jumps >= JumpsBeforeStateless)
        {
            st.Jumps = 0;
            st.Stateless = StatelessRows;
        }
        int walked = incremental ? Dirty() : All();
        st.Primed = true;
        LastWalked = walked;
        _trees.Walk(ref x, _walk.AsSpan(0, walked), st.LeafNode);
        Sum(st, ref MemoryMarshal.GetReference(sums), walked, incremental);
    }

    // Moves every feature's position to the row; marks the trees of the splits passed. False when the row moved more
    // splits than the budget (or is the first): then the positions are exact but the marks are not, and all trees walk.
    private bool Move(IncrementalTreeState st, ref float x)
    {
        ref float last = ref MemoryMarshal.GetArrayDataReference(st.Last);
        var position = st.Position;
        if (!st.Primed)
        {
            foreach (int f in _features)
            {
                float v = Unsafe.Add(ref x, f);
                Unsafe.Add(ref last, f) = v;
                position[f] = Below(ref MemoryMarshal.GetArrayDataReference(_threshold), _start[f], _start[f + 1], v);
            }
            return false;
        }
        bool marking = true;
        int moved = 0, n = Features;
        ref uint used = ref MemoryMarshal.GetArrayDataReference(_used);
        for (int b = 0; b < n; b += 8)
        {
            // Features whose bits changed since the last row, eight at a time (an unchanged feature moves no split).
            uint changed = 0;
            if (Vector256.IsHardwareAccelerated && b + 8 <= n)
                changed = ~Vector256.Equals(Vector256.LoadUnsafe(ref x, (nuint)b).AsUInt32(), Vector256.LoadUnsafe(ref last, (nuint)b).AsUInt32())
                    .ExtractMostSignificantBits() & 0xFF;
            else
                for (int j = b; j < Math.Min(b + 8, n); j++)
                    if (BitConverter.SingleToInt32Bits(Unsafe.Add(ref x, j)) != BitConverter.SingleToInt32Bits(Unsafe.Add(ref last, j))) changed |= 1u << (j - b);
            changed &= Unsafe.Add(ref used, b >> 3);
            while (changed != 0)
            {
                int f = b + BitOperations.TrailingZeroCount(changed);
                changed &= changed - 1;
                float v = Unsafe.Add(ref x, f);
                Unsafe.Add(ref last, f) = v;
                if (!marking)
                {
                    position[f] = Below(ref MemoryMarshal.GetArrayDataReference(_threshold), _start[f], _start[f + 1], v);
                    continue;
                }
                moved += Shift(st, f, v);
                if (moved > _budget) marking = false;
            }
        }
        return marking;
    }

    // Moves feature f's position to v and marks the trees whose last path holds a split it passed; the splits passed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Shift(IncrementalTreeState st, int f, float v)
    {
        ref float th = ref MemoryMarshal.GetArrayDataReference(_threshold);
        int lo = _start[f], hi = _start[f + 1];
        ref int at = ref st.Position[f];
        int p = at, was = p;
        if (float.IsNaN(v)) p = hi;
        else
        {
            while (p < hi && Unsafe.Add(ref th, p) < v) p++;
            while (p > lo && !(Unsafe.Add(ref th, p - 1) < v)) p--;
        }
        if (p == was) return 0;
        ref int owner = ref MemoryMarshal.GetArrayDataReference(_owner);
        ref int node = ref MemoryMarshal.GetArrayDataReference(_node);
        ref int subtreeEnd = ref MemoryMarshal.GetArrayDataReference(_end);
        ref int leaf = ref MemoryMarshal.GetArrayDataReference(st.LeafNode);
        ref ulong dirty = ref MemoryMarshal.GetArrayDataReference(_dirty);
        for (int i = Math.Min(p, was), end = Math.Max(p, was); i < end; i++)
        {
            // A flipped split off the tree's last path changes nothing: the path still answers the same.
            int t = Unsafe.Add(ref owner, i), split = Unsafe.Add(ref node, i);
            if ((uint)(Unsafe.Add(ref leaf, t) - split) >= (uint)(Unsafe.Add(ref subtreeEnd, split) - split)) continue;
            Unsafe.Add(ref dirty, t >> 6) |= 1UL << t;
        }
        at = p;
        return Math.Abs(p - was);
    }

    // Entries of [lo, hi) whose threshold is below v (all of them for NaN): the splits answering "false".
    private static int Below(ref float th, int lo, int hi, float v)
    {
        if (float.IsNaN(v)) return hi;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Unsafe.Add(ref th, mid) < v) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
