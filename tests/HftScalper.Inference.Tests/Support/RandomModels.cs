using HftScalper.Inference.Onnx;

namespace HftScalper.Inference.Tests.Support;

/// <summary>Seeded random weights for every model kind, so failures reproduce.</summary>
public static class RandomModels
{
    public static float[] Floats(Random rng, int n, float scale = 1f)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = (float)(rng.NextDouble() * 2 - 1) * scale;
        return a;
    }

    public static DenseLayer Dense(Random rng, int inputs, int outputs) =>
        new(inputs, outputs, Floats(rng, inputs * outputs, 1f / MathF.Sqrt(inputs)), Floats(rng, outputs, 0.1f));

    public static DenseLayer[] Mlp(Random rng, params int[] widths)
    {
        var layers = new DenseLayer[widths.Length - 1];
        for (int i = 0; i < layers.Length; i++) layers[i] = Dense(rng, widths[i], widths[i + 1]);
        return layers;
    }

    public static LstmWeights Lstm(Random rng, int inputs, int hidden)
    {
        float s = 1f / MathF.Sqrt(hidden);
        return new LstmWeights(inputs, hidden, Floats(rng, 4 * hidden * inputs, s), Floats(rng, 4 * hidden * hidden, s),
            Floats(rng, 4 * hidden, 0.1f), Floats(rng, 4 * hidden, 0.1f));
    }

    /// <summary>Complete binary trees of the given depth; node i has children 2i+1 and 2i+2.</summary>
    public static TreeEnsemble Trees(Random rng, int features, int outputs, int trees, int depth, bool withBase = true)
    {
        var list = new List<TreeNode[]>(trees);
        int internalNodes = (1 << depth) - 1, total = (1 << (depth + 1)) - 1;
        for (int t = 0; t < trees; t++)
        {
            var nodes = new TreeNode[total];
            for (int n = 0; n < total; n++)
                nodes[n] = n < internalNodes
                    ? TreeNode.Split(rng.Next(features), (float)(rng.NextDouble() * 2 - 1), 2 * n + 1, 2 * n + 2)
                    : TreeNode.Leaf(Floats(rng, outputs, 0.1f));
            list.Add(nodes);
        }
        return new TreeEnsemble(features, outputs, list, withBase ? Floats(rng, outputs, 0.5f) : null);
    }
}
