using HftScalper.Inference.Onnx;
using HftScalper.Training.Data;
using HftScalper.Training.Models;

namespace HftScalper.Training.WarmStart;

/// <summary>A base ensemble plus the trees a warm start added (raw logits = base + added).</summary>
public sealed class WarmStartModel
{
    internal WarmStartModel(BaseEnsemble baseModel, IReadOnlyList<TreeNode[]> added, IReadOnlyList<WarmStartHead> heads, double? moveLogitOffset = null)
    {
        Base = baseModel;
        Added = added;
        Heads = heads;
        MoveLogitOffset = moveLogitOffset ?? baseModel.MoveLogitOffset;
    }

    /// <summary>Two-stage: the offset in the move logit of the composed graph (the base's unless re-chosen, <see cref="WithMoveOffset"/>).</summary>
    public double MoveLogitOffset { get; }

    /// <summary>The same trees with the move logit's offset moved to <paramref name="offset"/>: one constant tree adds
    /// <c>offset − current</c> to the move column (the base's offset stays folded in its trees).</summary>
    public WarmStartModel WithMoveOffset(double offset)
    {
        if (Base.Form != DirectionForm.TwoStage) throw new InvalidOperationException("a move offset is for two-stage models");
        if (offset == MoveLogitOffset) return this;
        var leaf = new float[Base.Outputs];
        leaf[0] = (float)(offset - MoveLogitOffset);
        return new WarmStartModel(Base, [.. Added, [TreeNode.Leaf(leaf)]], Heads, offset);
    }

    /// <summary>The model it continues.</summary>
    public BaseEnsemble Base { get; }

    /// <summary>The trees added, each <see cref="BaseEnsemble.Outputs"/> wide with its value in its head's column.</summary>
    public IReadOnlyList<TreeNode[]> Added { get; }

    /// <summary>Per head.</summary>
    public IReadOnlyList<WarmStartHead> Heads { get; }

    /// <summary>P(down, flat, up) of rows <paramref name="rows"/>, three per row, as the composed graph computes them;
    /// <paramref name="moveShift"/> is added to the move logit (two-stage; −<see cref="MoveLogitOffset"/> gives the calibrated head).</summary>
    public float[] Predict(FeatureMatrix samples, int[] rows, double moveShift = 0)
    {
        int k = Base.Outputs;
        var logits = Base.Logits(samples, rows);
        var probabilities = new float[rows.Length * DirectionClass.Count];
        for (int i = 0; i < rows.Length; i++)
        {
            var o = logits.AsSpan(i * k, k);
            var x = samples.Row(rows[i]);
            foreach (var t in Added) Walk(t, x, o);
            o[0] += moveShift;
            BaseEnsemble.Probabilities(Base.Form, o, probabilities.AsSpan(i * DirectionClass.Count, DirectionClass.Count));
        }
        return probabilities;
    }

    private static void Walk(TreeNode[] tree, ReadOnlySpan<float> x, Span<double> o)
    {
        int n = 0;
        while (!tree[n].IsLeaf) n = x[tree[n].Feature] <= tree[n].Threshold ? tree[n].Left : tree[n].Right;
        var v = tree[n].LeafValues!;
        for (int k = 0; k < v.Length; k++) o[k] += v[k];
    }
}
