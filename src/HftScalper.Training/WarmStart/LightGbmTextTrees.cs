using System.Globalization;
using HftScalper.Inference.Onnx;

namespace HftScalper.Training.WarmStart;

/// <summary>
/// Reads the trees of a binary LightGBM model in its text format (<c>LGBM_BoosterSaveModelToString</c>) into our
/// <see cref="TreeNode"/> arrays (pre-order, <c>x &lt;= t</c> left). LightGBM's internal node i splits on
/// <c>split_feature[i]</c> (the real column index) at <c>threshold[i]</c>, a double; a child <c>c &lt; 0</c> is leaf
/// <c>~c</c>; leaf values already include the shrinkage. The model input is float, and <c>x &lt;= t</c> in double holds
/// exactly when <c>x &lt;= t'</c> with <c>t'</c> the largest float not above <c>t</c>, so that is the threshold kept (a
/// rounded-to-nearest float could send a value equal to it the other way). Only numerical splits without missing-value
/// handling are accepted: the trainer sets <c>use_missing=false</c>.
/// </summary>
internal static class LightGbmTextTrees
{
    /// <summary>The trees of <paramref name="model"/>, each putting its leaf value in column <paramref name="column"/> of <paramref name="outputs"/>.</summary>
    public static List<TreeNode[]> Parse(string model, int outputs, int column)
    {
        ArgumentNullException.ThrowIfNull(model);
        var trees = new List<TreeNode[]>();
        Dictionary<string, string>? tree = null;
        foreach (var raw in model.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Tree=", StringComparison.Ordinal))
            {
                if (tree is not null) trees.Add(Convert(tree, outputs, column));
                tree = new Dictionary<string, string>(StringComparer.Ordinal);
                continue;
            }
            if (line.StartsWith("end of trees", StringComparison.Ordinal)) break;
            if (tree is null) continue;
            int eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0) tree[line[..eq]] = line[(eq + 1)..];
        }
        if (tree is not null) trees.Add(Convert(tree, outputs, column));
        return trees;
    }

    private static TreeNode[] Convert(Dictionary<string, string> t, int outputs, int column)
    {
        int leaves = int.Parse(t["num_leaves"], CultureInfo.InvariantCulture);
        var leafValues = Doubles(t["leaf_value"]);
        if (leaves == 1) return [Leaf(outputs, column, leafValues[0])];
        var feature = Ints(t["split_feature"]);
        var threshold = Doubles(t["threshold"]);
        var decision = Ints(t["decision_type"]);
        var left = Ints(t["left_child"]);
        var right = Ints(t["right_child"]);
        foreach (int d in decision)
            if ((d & 1) != 0 || ((d >> 2) & 3) != 0) throw new InvalidDataException($"LightGBM tree with decision type {d}: only numerical splits without missing-value handling are exported");
        var nodes = new List<TreeNode>(2 * leaves - 1);
        Emit(0);
        return [.. nodes];

        int Emit(int child)
        {
            int index = nodes.Count;
            if (child < 0)
            {
                nodes.Add(Leaf(outputs, column, leafValues[~child]));
                return index;
            }
            nodes.Add(default);
            int l = Emit(left[child]);
            int r = Emit(right[child]);
            nodes[index] = TreeNode.Split(feature[child], FloatAtOrBelow(threshold[child]), l, r);
            return index;
        }
    }

    /// <summary>The largest float not above <paramref name="t"/>: for every float x, <c>x &lt;= t</c> exactly when <c>x &lt;= result</c>.</summary>
    public static float FloatAtOrBelow(double t)
    {
        float f = (float)t;
        return f > t ? MathF.BitDecrement(f) : f;
    }

    private static TreeNode Leaf(int outputs, int column, double value)
    {
        var v = new float[outputs];
        v[column] = (float)value;
        return TreeNode.Leaf(v);
    }

    private static int[] Ints(string s) => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))];

    private static double[] Doubles(string s) => [.. s.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Double)];

    // LightGBM prints infinities as "inf" / "-inf".
    private static double Double(string x) => x switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        _ => double.Parse(x, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
