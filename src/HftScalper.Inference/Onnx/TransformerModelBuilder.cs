using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Onnx;

/// <summary>
/// Writes a <see cref="TransformerWeights"/> encoder as an ONNX graph (opset 17) over raw feature rows
/// <c>features [B,T,F]</c>: standardise (Sub, Mul, Clip) -> MatMul/Add embedding -> Add positions -> per layer
/// LayerNormalization, three MatMul/Add projections, Reshape/Transpose into heads, MatMul, Mul by 1/sqrt(d/heads),
/// Softmax, MatMul, Transpose/Reshape back, output MatMul/Add, residual Add, LayerNormalization, MatMul/Add, Relu,
/// MatMul/Add, residual Add -> final LayerNormalization -> ReduceMean over T -> Gemm head -> Softmax ->
/// <c>scores [B,O]</c>. The batch dimension stays symbolic (Reshape copies it with a 0).
/// </summary>
public static class TransformerModelBuilder
{
    /// <summary>Builds the window model; <paramref name="mean"/>/<paramref name="scale"/> standardise each column, clipped to ±<paramref name="limit"/>.</summary>
    public static ModelProto Build(TransformerWeights w, float[] mean, float[] scale, float limit)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.Validate();
        int f = w.Inputs, t = w.SequenceLength, d = w.ModelWidth, heads = w.Heads, dh = w.HeadWidth;
        var g = new GraphProto { Name = "transformer_window" };
        g.Input.Add(OnnxGraph.BatchedTensor(OnnxGraph.InputName, TensorProto.Types.DataType.Float, t, f));
        AddStandardise(g, mean, scale, limit, OnnxGraph.InputName, "x_scaled");
        g.Initializer.Add(OnnxGraph.Int64Tensor("heads_shape", [4], [0, t, heads, dh]));
        g.Initializer.Add(OnnxGraph.Int64Tensor("merge_shape", [3], [0, t, d]));
        g.Initializer.Add(OnnxGraph.FloatTensor("attention_scale", [], [1f / MathF.Sqrt(dh)]));
        g.Initializer.Add(OnnxGraph.FloatTensor("position", [t, d], w.Position));
        Linear(g, "embed", "x_scaled", w.EmbedWeight, w.EmbedBias, d, f, "embedded");
        g.Node.Add(OnnxGraph.Node("Add", "add_position", ["embedded", "position"], ["h0"]));
        string h = "h0";
        for (int i = 0; i < w.Layers.Count; i++) h = Layer(g, $"l{i}", w.Layers[i], h, d, w.FeedForward);
        Norm(g, "final_norm", h, w.FinalNormGain, w.FinalNormBias, "h_norm");
        g.Node.Add(OnnxGraph.Node("ReduceMean", "mean_pool", ["h_norm"], ["pooled"], "", OnnxGraph.Ints("axes", [1]), OnnxGraph.Int("keepdims", 0)));
        g.Initializer.Add(OnnxGraph.FloatTensor("head_W", [w.Outputs, d], w.HeadWeight));
        g.Initializer.Add(OnnxGraph.FloatTensor("head_b", [w.Outputs], w.HeadBias));
        g.Node.Add(OnnxGraph.Node("Gemm", "head", ["pooled", "head_W", "head_b"], ["logits"], "", OnnxGraph.Int("transB", 1)));
        g.Node.Add(OnnxGraph.Node("Softmax", "softmax", ["logits"], [OnnxGraph.ScoresName], "", OnnxGraph.Int("axis", -1)));
        g.Output.Add(OnnxGraph.BatchedTensor(OnnxGraph.ScoresName, TensorProto.Types.DataType.Float, w.Outputs));
        return OnnxGraph.Model(g, usesMlDomain: false);
    }

    /// <summary>
    /// Adds <c>output = Clip((input - mean) * scale, -limit, limit)</c> with initializers <c>mean</c>, <c>scale</c>,
    /// <c>clip_min</c>, <c>clip_max</c> (the names the LSTM step reader looks up).
    /// </summary>
    public static void AddStandardise(GraphProto graph, float[] mean, float[] scale, float limit, string input, string output)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length != scale.Length) throw new ArgumentException($"mean has {mean.Length} columns, scale {scale.Length}");
        graph.Initializer.Add(OnnxGraph.FloatTensor("mean", [mean.Length], mean));
        graph.Initializer.Add(OnnxGraph.FloatTensor("scale", [scale.Length], scale));
        graph.Initializer.Add(OnnxGraph.FloatTensor("clip_min", [], [-limit]));
        graph.Initializer.Add(OnnxGraph.FloatTensor("clip_max", [], [limit]));
        graph.Node.Add(OnnxGraph.Node("Sub", "centre", [input, "mean"], ["x_centred"]));
        graph.Node.Add(OnnxGraph.Node("Mul", "standardise", ["x_centred", "scale"], ["x_standard"]));
        graph.Node.Add(OnnxGraph.Node("Clip", "clip", ["x_standard", "clip_min", "clip_max"], [output]));
    }

    // One pre-norm layer; returns the name of its output.
    private static string Layer(GraphProto g, string p, TransformerLayerWeights l, string h, int d, int ff)
    {
        Norm(g, p + "_norm1", h, l.Norm1Gain, l.Norm1Bias, p + "_a");
        Linear(g, p + "_q", p + "_a", l.QueryWeight, l.QueryBias, d, d, p + "_q");
        Linear(g, p + "_k", p + "_a", l.KeyWeight, l.KeyBias, d, d, p + "_k");
        Linear(g, p + "_v", p + "_a", l.ValueWeight, l.ValueBias, d, d, p + "_v");
        foreach (var x in new[] { "q", "k", "v" })
            g.Node.Add(OnnxGraph.Node("Reshape", $"{p}_{x}_split", [$"{p}_{x}", "heads_shape"], [$"{p}_{x}_bthd"]));
        // q, v: [B,H,T,dh]; k: [B,H,dh,T] (transposed for the product).
        g.Node.Add(OnnxGraph.Node("Transpose", p + "_q_heads", [p + "_q_bthd"], [p + "_qh"], "", OnnxGraph.Ints("perm", [0, 2, 1, 3])));
        g.Node.Add(OnnxGraph.Node("Transpose", p + "_k_heads", [p + "_k_bthd"], [p + "_kt"], "", OnnxGraph.Ints("perm", [0, 2, 3, 1])));
        g.Node.Add(OnnxGraph.Node("Transpose", p + "_v_heads", [p + "_v_bthd"], [p + "_vh"], "", OnnxGraph.Ints("perm", [0, 2, 1, 3])));
        g.Node.Add(OnnxGraph.Node("MatMul", p + "_scores", [p + "_qh", p + "_kt"], [p + "_s_raw"]));
        g.Node.Add(OnnxGraph.Node("Mul", p + "_scale", [p + "_s_raw", "attention_scale"], [p + "_s"]));
        g.Node.Add(OnnxGraph.Node("Softmax", p + "_attention", [p + "_s"], [p + "_p"], "", OnnxGraph.Int("axis", -1)));
        g.Node.Add(OnnxGraph.Node("MatMul", p + "_context", [p + "_p", p + "_vh"], [p + "_ctx"]));
        g.Node.Add(OnnxGraph.Node("Transpose", p + "_merge_t", [p + "_ctx"], [p + "_ctx_bthd"], "", OnnxGraph.Ints("perm", [0, 2, 1, 3])));
        g.Node.Add(OnnxGraph.Node("Reshape", p + "_merge", [p + "_ctx_bthd", "merge_shape"], [p + "_ctx_btd"]));
        Linear(g, p + "_o", p + "_ctx_btd", l.OutWeight, l.OutBias, d, d, p + "_attn");
        g.Node.Add(OnnxGraph.Node("Add", p + "_residual1", [h, p + "_attn"], [p + "_h1"]));
        Norm(g, p + "_norm2", p + "_h1", l.Norm2Gain, l.Norm2Bias, p + "_b");
        Linear(g, p + "_ff1", p + "_b", l.FeedForward1Weight, l.FeedForward1Bias, ff, d, p + "_ff1");
        g.Node.Add(OnnxGraph.Node("Relu", p + "_relu", [p + "_ff1"], [p + "_ff1_relu"]));
        Linear(g, p + "_ff2", p + "_ff1_relu", l.FeedForward2Weight, l.FeedForward2Bias, d, ff, p + "_ff2");
        g.Node.Add(OnnxGraph.Node("Add", p + "_residual2", [p + "_h1", p + "_ff2"], [p + "_out"]));
        return p + "_out";
    }

    // y = x·Wᵀ + b over the last axis; W is torch's [out, in], stored transposed as [in, out] for MatMul.
    private static void Linear(GraphProto g, string name, string input, float[] weight, float[] bias, int outputs, int inputs, string output)
    {
        var wt = new float[weight.Length];
        for (int o = 0; o < outputs; o++)
            for (int i = 0; i < inputs; i++) wt[i * outputs + o] = weight[o * inputs + i];
        g.Initializer.Add(OnnxGraph.FloatTensor(name + "_Wt", [inputs, outputs], wt));
        g.Initializer.Add(OnnxGraph.FloatTensor(name + "_bias", [outputs], bias));
        g.Node.Add(OnnxGraph.Node("MatMul", name + "_matmul", [input, name + "_Wt"], [name + "_xw"]));
        g.Node.Add(OnnxGraph.Node("Add", name + "_add", [name + "_xw", name + "_bias"], [output]));
    }

    private static void Norm(GraphProto g, string name, string input, float[] gain, float[] bias, string output)
    {
        g.Initializer.Add(OnnxGraph.FloatTensor(name + "_gain", [gain.Length], gain));
        g.Initializer.Add(OnnxGraph.FloatTensor(name + "_bias", [bias.Length], bias));
        g.Node.Add(OnnxGraph.Node("LayerNormalization", name, [input, name + "_gain", name + "_bias"], [output], "",
            OnnxGraph.Int("axis", -1), OnnxGraph.Float("epsilon", TransformerWeights.NormEpsilon)));
    }
}
