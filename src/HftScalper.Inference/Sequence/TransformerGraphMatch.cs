using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// Decides whether a graph is exactly what <see cref="TransformerModelBuilder"/> writes (what
/// <c>hft train --family transformer</c> exports), so <see cref="CompiledTransformer"/> computes it: the weights are
/// read back from the graph's initializers, the builder writes a graph from them, and the two must agree node for
/// node (op, inputs, outputs, attributes), in inputs and outputs, and initializer for initializer (name, type, shape,
/// values). Any other graph, however close, is left to ONNX Runtime.
/// </summary>
internal static class TransformerGraphMatch
{
    /// <summary>Null when <paramref name="model"/>'s graph is the builder's; else what differs, in a few words.</summary>
    public static string? Difference(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var g = model.Graph;
        if (g is null) return "no graph";
        var init = new Dictionary<string, TensorProto>(StringComparer.Ordinal);
        foreach (var x in g.Initializer)
            if (!init.TryAdd(x.Name, x)) return $"initializer '{x.Name}' appears twice";
        ModelProto rebuilt;
        try { rebuilt = Rebuild(g, init); }
        catch (Exception e) when (e is InvalidDataException or ArgumentException or KeyNotFoundException or IndexOutOfRangeException)
        {
            return "its weights do not read as the builder's: " + e.Message;
        }
        var r = rebuilt.Graph;
        if (!g.Input.Equals(r.Input)) return "its inputs differ from the builder's";
        if (!g.Output.Equals(r.Output)) return "its outputs differ from the builder's";
        if (g.Node.Count != r.Node.Count) return $"{g.Node.Count} nodes, the builder writes {r.Node.Count}";
        for (int i = 0; i < g.Node.Count; i++)
            if (!g.Node[i].Equals(r.Node[i])) return $"node {i} ('{g.Node[i].Name}', {g.Node[i].OpType}) differs from the builder's ('{r.Node[i].Name}', {r.Node[i].OpType})";
        if (init.Count != r.Initializer.Count) return $"{init.Count} initializers, the builder writes {r.Initializer.Count}";
        foreach (var want in r.Initializer)
        {
            if (!init.TryGetValue(want.Name, out var have)) return $"no initializer '{want.Name}'";
            if (have.DataType != want.DataType || !have.Dims.Equals(want.Dims)) return $"initializer '{want.Name}' has another type or shape";
            bool same = want.DataType == (int)TensorProto.Types.DataType.Int64
                ? OnnxGraph.Int64s(have).AsSpan().SequenceEqual(OnnxGraph.Int64s(want))
                : OnnxGraph.Floats(have).AsSpan().SequenceEqual(OnnxGraph.Floats(want));
            if (!same) return $"initializer '{want.Name}' holds other values";
        }
        return null;
    }

    // The builder's graph over the weights read from these initializers (linear weights back to torch's [out, in]).
    private static ModelProto Rebuild(GraphProto g, Dictionary<string, TensorProto> init)
    {
        float[] F(string name) => init.TryGetValue(name, out var x) ? OnnxGraph.Floats(x) : throw new InvalidDataException($"no initializer '{name}'");
        long[] shape = init.TryGetValue("heads_shape", out var hs) ? OnnxGraph.Int64s(hs) : throw new InvalidDataException("no 'heads_shape'");
        if (shape.Length != 4) throw new InvalidDataException("heads_shape is not [0, T, heads, dh]");
        int t = checked((int)shape[1]), heads = checked((int)shape[2]);
        var mean = F("mean");
        var bias = F("embed_bias");
        int f = mean.Length, d = bias.Length;
        var headB = F("head_b");
        var ff1b = F("l0_ff1_bias");
        int ff = ff1b.Length;
        int layers = 0;
        while (init.ContainsKey($"l{layers}_norm1_gain")) layers++;
        var list = new List<TransformerLayerWeights>(layers);
        for (int i = 0; i < layers; i++)
        {
            string p = $"l{i}";
            list.Add(new TransformerLayerWeights(F(p + "_norm1_gain"), F(p + "_norm1_bias"),
                Torch(F(p + "_q_Wt"), d, d), F(p + "_q_bias"), Torch(F(p + "_k_Wt"), d, d), F(p + "_k_bias"),
                Torch(F(p + "_v_Wt"), d, d), F(p + "_v_bias"), Torch(F(p + "_o_Wt"), d, d), F(p + "_o_bias"),
                F(p + "_norm2_gain"), F(p + "_norm2_bias"), Torch(F(p + "_ff1_Wt"), d, ff), F(p + "_ff1_bias"),
                Torch(F(p + "_ff2_Wt"), ff, d), F(p + "_ff2_bias")));
        }
        var weights = new TransformerWeights(f, t, d, heads, ff, headB.Length, Torch(F("embed_Wt"), f, d), bias, F("position"), list,
            F("final_norm_gain"), F("final_norm_bias"), F("head_W"), headB);
        float limit = F("clip_max")[0];
        return TransformerModelBuilder.Build(weights, mean, F("scale"), limit);
    }

    // A MatMul initializer [in, out] back to torch's [out, in].
    private static float[] Torch(float[] wt, int inputs, int outputs)
    {
        if (wt.Length != inputs * outputs) throw new InvalidDataException($"a weight holds {wt.Length} values, not {inputs} x {outputs}");
        var w = new float[wt.Length];
        for (int i = 0; i < inputs; i++)
            for (int o = 0; o < outputs; o++) w[o * inputs + i] = wt[i * outputs + o];
        return w;
    }
}
