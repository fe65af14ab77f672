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
/// splits than the ensemble has trees (a jump, another symbol's row, the first row), the marking stops, the positions
/// are found by binary search and every tree walks; after <see cref="JumpsBeforeStateless"/> such rows in a row (two
/// symbols' rows interleaved jump every time) rows are walked statelessly for <see cref="StatelessRows"/> rows before the
/// incremental walk is tried again, so rows without order cost about what the stateless walk costs.
/// Keeps the previous row's state: one thread at a time (as the model that owns it).
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
    private readonly int[] _position;     // per feature: entries whose split answered "false" for the last row (absolute index)
    private readonly float[] _last;       // per feature (rounded up to 8): the last row's value of the features splits test
    private readonly uint[] _used;        // per 8 features: which of them splits test (bit j = feature 8b + j)
    private readonly int[] _leafNode;     // per tree: its leaf for the last row
    private readonly float[] _grid;       // [row * _width + output]: the leaf values to add, rows in the order they are added
    private readonly int[] _cell;         // per tree: its first cell in _grid (single target: its output's column)
    private readonly int[]? _treeTarget;  // single target per tree: the output it adds to; null = every output
    private readonly int _width;          // cells per grid row: Outputs rounded up to whole vectors of 4
    private readonly Vector128<float>[] _prefix; // [chunk * rows + j]: the sums after grid row j, four outputs per chunk
    private readonly Vector128<float>[] _init;   // per chunk: the sums the last row started from
    private readonly ulong[] _dirty;
    private readonly int[] _walk;
    private readonly int _budget;
    private bool _primed;
    private int _jumps;     // consecutive rows above the budget
    private int _stateless; // rows left to walk statelessly before trying again

    /// <summary>Lists every split of <paramref name="trees"/> by feature; <paramref name="treeTarget"/> is the output
    /// each tree adds to (null when a leaf adds to several).</summary>
    public IncrementalTreeEnsemble(PairedTreeEnsemble trees, int[]? treeTarget)
    {
        ArgumentNullException.ThrowIfNull(trees);
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
        _position = new int[features];
        _last = new float[(features + 7) & ~7];
        _used = new uint[(features + 7) / 8];
        foreach (int f in _features) _used[f >> 3] |= 1u << (f & 7);
        _leafNode = new int[count];
        _dirty = new ulong[(count + 63) / 64];
        _walk = new int[count];
        _budget = count;
        // One grid row per addition step: single target, row j holds the j-th tree of every output (so the outputs'
        // sums advance side by side in one vector); otherwise row t holds tree t's leaf for every output. Cells no tree
        // fills hold -0, which leaves every float as it is (x + -0 == x, -0 included), so a shorter column changes nothing.
        _treeTarget = treeTarget;
        _width = (trees.Outputs + 3) & ~3;
        _cell = new int[count];
        int rows = count;
        if (treeTarget is not null)
        {
            var next = new int[trees.Outputs];
            for (int t = 0; t < count; t++) _cell[t] = next[treeTarget[t]]++ * _width + treeTarget[t];
            rows = next.Max();
        }
        else
            for (int t = 0; t < count; t++) _cell[t] = t * _width;
        _grid = new float[rows * _width];
        _grid.AsSpan().Fill(-0f);
        _prefix = new Vector128<float>[_width / 4 * rows];
        _init = new Vector128<float>[_width / 4];
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

    /// <summary>Whether rows are walked statelessly now (they kept jumping).</summary>
    internal bool Stateless => _stateless > 0;

    /// <summary>Trees walked for the last row (all of them after a jump; for the tests and benchmarks).</summary>
    internal int LastWalked { get; private set; }

    /// <summary>Forgets the previous row: the next one walks every tree.</summary>
    public void Reset()
    {
        _primed = false;
        _jumps = 0;
        _stateless = 0;
    }

    /// <inheritdoc />
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void Accumulate(ReadOnlySpan<float> row, Span<float> sums)
    {
        if (row.Length < Features || sums.Length < Outputs) throw new ArgumentException("row or sums too short");
        ref float x = ref MemoryMarshal.GetReference(row);
        if (_stateless > 0)
        {
            // Rows keep jumping (several symbols' rows interleaved, or rows with no order): walk every tree as the
            // stateless layout does for a while, then try again from a fresh start.
            if (--_stateless == 0) _primed = false;
            _trees.Accumulate(row, sums);
            LastWalked = Trees;
            return;
        }
        bool primed = _primed;
        bool incremental = Move(ref x);
        if (incremental) _jumps = 0;
        else if (primed && ++_jumps >= JumpsBeforeStateless)
        {
            _jumps = 0;
            _stateless = StatelessRows;
        }
        int walked = incremental ? Dirty() : All();
        _primed = true;
        LastWalked = walked;
        _trees.Walk(ref x, _walk.AsSpan(0, walked), _leafNode);
        Sum(ref MemoryMarshal.GetReference(sums), walked, incremental);
    }

    // Moves every feature's position to the row; marks the trees of the splits passed. False when the row moved more
    // splits than the budget (or is the first): then the positions are exact but the marks are not, and all trees walk.
    private bool Move(ref float x)
    {
        ref float last = ref MemoryMarshal.GetArrayDataReference(_last);
        if (!_primed)
        {
            foreach (int f in _features)
            {
                float v = Unsafe.Add(ref x, f);
                Unsafe.Add(ref last, f) = v;
                _position[f] = Below(ref MemoryMarshal.GetArrayDataReference(_threshold), _start[f], _start[f + 1], v);
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
                    _position[f] = Below(ref MemoryMarshal.GetArrayDataReference(_threshold), _start[f], _start[f + 1], v);
                    continue;
                }
                moved += Shift(f, v);
                if (moved > _budget) marking = false;
            }
        }
        return marking;
    }

    // Moves feature f's position to v and marks the trees whose last path holds a split it passed; the splits passed.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Shift(int f, float v)
    {
        ref float th = ref MemoryMarshal.GetArrayDataReference(_threshold);
        int lo = _start[f], hi = _start[f + 1];
        ref int at = ref _position[f];
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
        ref int leaf = ref MemoryMarshal.GetArrayDataReference(_leafNode);
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
