using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Inference.Onnx;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// One step of an exported LSTM window model (the graph <c>hft train --family lstm</c> writes: standardise, LSTM,
/// Gemm head, Softmax; or LstmModelBuilder's graph, the same without the standardisation), computed in C# from the model's own initializers so a live decision costs one step instead
/// of re-running the window: <c>h, c</c> in, <c>h, c</c> and class probabilities out. Stepping the rows of a window
/// from zero state gives the window model's scores (to float rounding). Allocation-free per step.
/// </summary>
public sealed class LstmStepModel
{
    private readonly LstmStepKernel _kernel;
    private readonly float[] _mean, _scale, _headW, _headB;
    private readonly float _clipMin, _clipMax;

    private LstmStepModel(int inputs, int hidden, int outputs, float[] w, float[] r, float[] b, float[] mean, float[] scale,
        float clipMin, float clipMax, float[] headW, float[] headB, bool vectorised)
    {
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        _kernel = new LstmStepKernel(inputs, hidden, w, r, b, vectorised);
        _mean = mean;
        _scale = scale;
        _clipMin = clipMin;
        _clipMax = clipMax;
        _headW = headW;
        _headB = headB;
    }

    /// <summary>Features per step.</summary>
    public int Inputs { get; }

    /// <summary>Hidden units (length of h and c).</summary>
    public int Hidden { get; }

    /// <summary>Score columns.</summary>
    public int Outputs { get; }

    /// <summary>The standardisation's per-column mean (zeros when the graph reads raw rows).</summary>
    internal ReadOnlySpan<float> Mean => _mean;

    /// <summary>The standardisation's per-column 1/std (ones when the graph reads raw rows).</summary>
    internal ReadOnlySpan<float> Scale => _scale;

    /// <summary>Whether the recurrent step runs the AVX2/FMA3 kernel (else its scalar twin, same bits).</summary>
    public bool Vectorised => _kernel.Vectorised;

    /// <summary>Floats of scratch one <see cref="Step"/> needs.</summary>
    public int ScratchLength => 2 * Inputs + Hidden + Outputs;

    /// <summary>Reads the step from an LSTM window model file.</summary>
    /// <exception cref="InvalidDataException">The file is not an LSTM window model of that shape.</exception>
    public static LstmStepModel Load(string path) => FromModel(ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)));

    /// <summary>Reads the step from an LSTM window model.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing or has the wrong size.</exception>
    public static LstmStepModel FromModel(ModelProto model) => FromModel(model, vectorised: true);

    /// <summary>As <see cref="FromModel(ModelProto)"/>; <paramref name="vectorised"/> false keeps the scalar kernel (tests).</summary>
    internal static LstmStepModel FromModel(ModelProto model, bool vectorised)
    {
        ArgumentNullException.ThrowIfNull(model);
        var init = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        float[] Get(string name)
        {
            if (!init.TryGetValue(name, out var t)) throw new InvalidDataException($"not an LSTM window model: no initializer '{name}'");
            return OnnxGraph.Floats(t);
        }
        var lstm = model.Graph.Node.FirstOrDefault(n => n.OpType == "LSTM") ?? throw new InvalidDataException("not an LSTM window model: no LSTM node");
        int hidden = (int)(lstm.Attribute.FirstOrDefault(a => a.Name == "hidden_size")?.I ?? 0);
        var headB = Get("head_b");
        // The exported window model standardises in the graph; a graph without a scaler (LstmModelBuilder) reads raw rows.
        bool scaled = init.ContainsKey("mean");
        var mean = scaled ? Get("mean") : new float[Get("W").Length / Math.Max(1, 4 * hidden)];
        int inputs = mean.Length, outputs = headB.Length;
        var w = Get("W");
        var r = Get("R");
        var b = Get("B");
        var headW = Get("head_W");
        if (hidden <= 0 || w.Length != 4 * hidden * inputs || r.Length != 4 * hidden * hidden || b.Length != 8 * hidden || headW.Length != outputs * hidden)
            throw new InvalidDataException($"LSTM tensors do not agree: hidden {hidden}, inputs {inputs}, W {w.Length}, R {r.Length}, B {b.Length}, head {headW.Length}");
        var bias = new float[4 * hidden];
        for (int i = 0; i < bias.Length; i++) bias[i] = b[i] + b[4 * hidden + i];
        if (!scaled) return new LstmStepModel(inputs, hidden, outputs, w, r, bias, mean, [.. mean.Select(_ => 1f)], float.MinValue, float.MaxValue, headW, headB, vectorised);
        return new LstmStepModel(inputs, hidden, outputs, w, r, bias, mean, Get("scale"), Get("clip_min")[0], Get("clip_max")[0], headW, headB, vectorised);
    }

    /// <summary>
    /// Advances <paramref name="h"/> and <paramref name="c"/> (length <see cref="Hidden"/>) by the raw feature row
    /// <paramref name="row"/> and writes the class probabilities to <paramref name="scores"/>.
    /// <paramref name="scratch"/> holds at least <see cref="ScratchLength"/> floats.
    /// </summary>
    public void Step(ReadOnlySpan<float> row, Span<float> h, Span<float> c, Span<float> scores, Span<float> scratch)
    {
        int f = Inputs, n = Hidden;
        if (row.Length < f || h.Length < n || c.Length < n || scores.Length < Outputs || scratch.Length < ScratchLength)
            throw new ArgumentException("row, state, scores or scratch too short");
        var x = scratch[..f];
        Standardise(row, x);
        _kernel.Step(x, h, c, scratch.Slice(f, f + n));
        Head(h, scores, scratch.Slice(2 * f + n, Outputs));
    }

    /// <summary>Floats of scratch one <see cref="StepPair"/> needs.</summary>
    public int PairScratchLength => 2 * ScratchLength + LstmStepKernel.PairScratch;

    /// <summary>
    /// Two <see cref="Step"/>s of two independent states (two symbols' decisions in one batch) in one pass over the
    /// weights: each state and its scores end bit-equal to its own <see cref="Step"/>. <paramref name="scratch"/> holds
    /// at least <see cref="PairScratchLength"/> floats.
    /// </summary>
    public void StepPair(ReadOnlySpan<float> row0, Span<float> h0, Span<float> c0, Span<float> scores0,
        ReadOnlySpan<float> row1, Span<float> h1, Span<float> c1, Span<float> scores1, Span<float> scratch)
    {
        int f = Inputs, n = Hidden, one = ScratchLength;
        if (row0.Length < f || h0.Length < n || c0.Length < n || scores0.Length < Outputs || row1.Length < f || h1.Length < n || c1.Length < n
            || scores1.Length < Outputs || scratch.Length < PairScratchLength)
            throw new ArgumentException("rows, states, scores or scratch too short");
        var s0 = scratch[..one];
        var s1 = scratch.Slice(one, one);
        Standardise(row0, s0[..f]);
        Standardise(row1, s1[..f]);
        _kernel.StepPair(s0[..f], h0, c0, s0.Slice(f, f + n), s1[..f], h1, c1, s1.Slice(f, f + n), scratch.Slice(2 * one, LstmStepKernel.PairScratch));
        Head(h0, scores0, s0.Slice(2 * f + n, Outputs));
        Head(h1, scores1, s1.Slice(2 * f + n, Outputs));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Standardise(ReadOnlySpan<float> row, Span<float> x)
    {
        for (int j = 0; j < x.Length; j++) x[j] = Math.Clamp((row[j] - _mean[j]) * _scale[j], _clipMin, _clipMax);
    }

    // The Gemm head and a softmax over the new h.
    private void Head(ReadOnlySpan<float> h, Span<float> scores, Span<float> logits)
    {
        int n = Hidden;
        float max = float.NegativeInfinity;
        for (int k = 0; k < Outputs; k++)
        {
            logits[k] = _headB[k] + Dot(_headW.AsSpan(k * n, n), h);
            max = MathF.Max(max, logits[k]);
        }
        float sum = 0;
        for (int k = 0; k < Outputs; k++) sum += scores[k] = MathF.Exp(logits[k] - max);
        for (int k = 0; k < Outputs; k++) scores[k] /= sum;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        int i = 0;
        float sum = 0;
        if (Vector.IsHardwareAccelerated && a.Length >= Vector<float>.Count)
        {
            var acc = Vector<float>.Zero;
            var va = MemoryMarshal.Cast<float, Vector<float>>(a);
            var vb = MemoryMarshal.Cast<float, Vector<float>>(b[..a.Length]);
            for (int v = 0; v < va.Length; v++) acc += va[v] * vb[v];
            sum = Vector.Dot(acc, Vector<float>.One);
            i = va.Length * Vector<float>.Count;
        }
        for (; i < a.Length; i++) sum += a[i] * b[i];
        return sum;
    }
}
