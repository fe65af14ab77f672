using System.Runtime.Intrinsics;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// What <see cref="IncrementalTreeEnsemble"/> remembers of one stream's (one symbol's) last row: where each feature
/// sits among its splits' thresholds, the row's values, every tree's leaf and the sums in tree order. One per stream,
/// allocated when the stream is first seen, so rows of other streams in between change none of it.
/// </summary>
internal sealed class IncrementalTreeState
{
    /// <summary>A state for an ensemble of <paramref name="trees"/> trees testing <paramref name="features"/> features,
    /// whose sums are laid out in a grid of <paramref name="gridRows"/> rows of <paramref name="width"/> cells.</summary>
    public IncrementalTreeState(int features, int trees, int gridRows, int width)
    {
        Position = new int[features];
        Last = new float[(features + 7) & ~7];
        LeafNode = new int[trees];
        // Cells no tree fills hold -0, which leaves every float as it is (x + -0 == x, -0 included).
        Grid = new float[gridRows * width];
        Grid.AsSpan().Fill(-0f);
        Prefix = new Vector128<float>[width / 4 * gridRows];
        Init = new Vector128<float>[width / 4];
    }

    /// <summary>Per feature: entries whose split answered "false" for the last row (absolute index into the thresholds).</summary>
    public readonly int[] Position;

    /// <summary>Per feature (rounded up to 8): the last row's value of the features splits test.</summary>
    public readonly float[] Last;

    /// <summary>Per tree: its leaf for the last row.</summary>
    public readonly int[] LeafNode;

    /// <summary>[row * width + output]: the leaf values to add, rows in the order they are added.</summary>
    public readonly float[] Grid;

    /// <summary>[chunk * rows + j]: the sums after grid row j, four outputs per chunk.</summary>
    public readonly Vector128<float>[] Prefix;

    /// <summary>Per chunk: the sums the last row started from.</summary>
    public readonly Vector128<float>[] Init;

    /// <summary>A row was seen since the last reset.</summary>
    public bool Primed;

    /// <summary>Consecutive rows that moved more splits than the budget.</summary>
    public int Jumps;

    /// <summary>Rows left to walk statelessly before trying the incremental walk again.</summary>
    public int Stateless;

    /// <summary>Bytes the arrays hold (for the memory bound in the docs and tests).</summary>
    public long Bytes => 4L * (Position.Length + Last.Length + LeafNode.Length + Grid.Length) + 16L * (Prefix.Length + Init.Length);

    /// <summary>Forgets the last row: the next one walks every tree.</summary>
    public void Reset()
    {
        Primed = false;
        Jumps = 0;
        Stateless = 0;
    }
}
