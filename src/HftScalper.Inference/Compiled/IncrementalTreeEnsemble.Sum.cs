using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Inference.Compiled;

// The second half of a row: which trees walk, and the sums of every tree's leaf in tree order.
internal sealed partial class IncrementalTreeEnsemble
{
    // The marked trees, ascending, into the walk list; clears the marks.
    private int Dirty()
    {
        int n = 0;
        var walk = _walk;
        var dirty = _dirty;
        for (int w = 0; w < dirty.Length; w++)
        {
            ulong bits = dirty[w];
            dirty[w] = 0;
            while (bits != 0)
            {
                walk[n++] = (w << 6) + BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }
        return n;
    }

    private int All()
    {
        Array.Clear(_dirty);
        var walk = _walk;
        for (int t = 0; t < walk.Length; t++) walk[t] = t;
        return walk.Length;
    }

    // Every tree's leaf, in tree order per output (the order ONNX Runtime adds them in): the walked trees' leaves into
    // the grid, then the grid's rows added one after another, four outputs to a vector. The sums after each row are
    // kept, so a row adds again only from the first grid row whose value changed (nothing when no leaf changed).
    private void Sum(IncrementalTreeState st, ref float s, int walked, bool incremental)
    {
        ref float grid = ref MemoryMarshal.GetArrayDataReference(st.Grid);
        int width = _width, rows = _gridRows, outputs = Outputs;
        int first = incremental ? rows : 0;
        for (int k = 0; k < walked; k++)
        {
            int t = _walk[k];
            int cell = _cell[t], node = st.LeafNode[t];
            if (_treeTarget is not null)
            {
                float v = _trees.SingleLeaf(node);
                ref float g = ref Unsafe.Add(ref grid, cell);
                if (BitConverter.SingleToInt32Bits(g) == BitConverter.SingleToInt32Bits(v)) continue;
                g = v;
            }
            else if (!_trees.CopyLeaf(node, st.Grid.AsSpan(cell, outputs))) continue;
            first = Math.Min(first, cell / width);
        }
        Span<float> lanes = stackalloc float[4];
        for (int c = 0; c < width; c += 4)
        {
            lanes.Fill(-0f);
            for (int o = c; o < Math.Min(c + 4, outputs); o++) lanes[o - c] = Unsafe.Add(ref s, o);
            var start = Vector128.Create<float>(lanes);
            int chunk = c >> 2, from = first;
            if (!Vector128.EqualsAll(start.AsUInt32(), st.Init[chunk].AsUInt32())) from = 0;
            st.Init[chunk] = start;
            ref Vector128<float> prefix = ref st.Prefix[chunk * rows];
            var acc = from == 0 ? start : Unsafe.Add(ref prefix, from - 1);
            ref float column = ref Unsafe.Add(ref grid, c);
            for (int j = from; j < rows; j++)
            {
                acc += Vector128.LoadUnsafe(ref column, (nuint)(j * width));
                Unsafe.Add(ref prefix, j) = acc;
            }
            acc.CopyTo(lanes);
            for (int o = c; o < Math.Min(c + 4, outputs); o++) Unsafe.Add(ref s, o) = lanes[o - c];
        }
    }
}
