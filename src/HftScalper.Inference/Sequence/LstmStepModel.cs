using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    // W and R transposed ([F, 4H] and [H, 4H]): the gates are accumulated column by column (4H-wide vector
    // multiply-adds, no horizontal sum per gate), about twice as fast as a dot product per gate.
    private readonly float[] _wT, _rT, _b, _mean, _scale, _headW, _headB;
    private readonly float _clipMin, _clipMax;

    private LstmStepModel(int inputs, int hidden, int outputs, float[] w, float[] r, float[] b, float[] mean, float[] scale,
        float clipMin, float clipMax, float[] headW, float[] headB)
    {
        Inputs = inputs;
        Hidden = hidden;
        Outputs = outputs;
        _wT = Transpose(w, 4 * hidden, inputs);
        _rT = Transpose(r, 4 * hidden, hidden);
        _b = b;
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

    /// <summary>Floats of scratch one <see cref="Step"/> needs.</summary>
    public int ScratchLength => 4 * Hidden + Inputs + Outputs;

    /// <summary>Reads the step from an LSTM window model file.</summary>
    /// <exception cref="InvalidDataException">The file is not an LSTM window model of that shape.</exception>
    public static LstmStepModel Load(string path) => FromModel(ModelProto.Parser.ParseFrom(File.ReadAllBytes(path)));

    /// <summary>Reads the step from an LSTM window model.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing or has the wrong size.</exception>
    public static LstmStepModel FromModel(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var init = model.Graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        float[] Get(string name)
        {
            if (!init.TryGetValue(name, out var t)) throw new InvalidDataException($"not an LSTM window model: no initializer '{name}'");
            if (t.FloatData.Count > 0) return [.. t.FloatData];
            return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
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
        if (!scaled) return new LstmStepModel(inputs, hidden, outputs, w, r, bias, mean, [.. mean.Select(_ => 1f)], float.MinValue, float.MaxValue, headW, headB);
        return new LstmStepModel(inputs, hidden, outputs, w, r, bias, mean, Get("scale"), Get("clip_min")[0], Get("clip_max")[0], headW, headB);
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
        var gates = scratch.Slice(f, 4 * n);
        var logits = scratch.Slice(f + 4 * n, Outputs);
        for (int j = 0; j < f; j++) x[j] = Math.Clamp((row[j] - _mean[j]) * _scale[j], _clipMin, _clipMax);
        _b.AsSpan().CopyTo(gates);
        for (int j = 0; j < f; j++) MultiplyAdd(gates, _wT.AsSpan(j * 4 * n, 4 * n), x[j]);
        for (int j = 0; j < n; j++) MultiplyAdd(gates, _rT.AsSpan(j * 4 * n, 4 * n), h[j]);
        // ONNX gate blocks: i, o, f, c.
        for (int k = 0; k < n; k++)
        {
            float i = Sigmoid(gates[k]), o = Sigmoid(gates[n + k]), fg = Sigmoid(gates[2 * n + k]), cand = MathF.Tanh(gates[3 * n + k]);
            float cell = fg * c[k] + i * cand;
            c[k] = cell;
            h[k] = o * MathF.Tanh(cell);
        }
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Sigmoid(float v) => 1f / (1f + MathF.Exp(-v));

    // acc += column * v.
    private static void MultiplyAdd(Span<float> acc, ReadOnlySpan<float> column, float v)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && acc.Length >= Vector<float>.Count)
        {
            var va = MemoryMarshal.Cast<float, Vector<float>>(acc);
            var vc = MemoryMarshal.Cast<float, Vector<float>>(column[..acc.Length]);
            var vv = new Vector<float>(v);
            for (int k = 0; k < va.Length; k++) va[k] += vc[k] * vv;
            i = va.Length * Vector<float>.Count;
        }
        for (; i < acc.Length; i++) acc[i] += column[i] * v;
    }

    private static float[] Transpose(float[] m, int rows, int cols)
    {
        var t = new float[m.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++) t[c * rows + r] = m[r * cols + c];
        return t;
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
