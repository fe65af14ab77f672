using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HftScalper.Inference.Onnx.Proto;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// The transformer window model (<see cref="Onnx.TransformerModelBuilder"/>'s graph: standardise, embedding plus
/// positions, pre-norm encoder layers, final norm, mean over time, Gemm head, Softmax) computed in C# from the graph's
/// own initializers, one window at a time: the same arithmetic as the ORT graph in the same order of operations (sums
/// vectorised, exponentials by <see cref="TensorPrimitives"/>), so scores agree with ONNX Runtime to float rounding
/// (tests hold 1e-5) without ORT's per-node dispatch. Buffers are made once: allocation-free per window; not
/// thread-safe (one inference thread).
/// </summary>
internal sealed class CompiledTransformer
{
    private readonly int _t, _f, _d, _heads, _dh, _ff, _outputs;
    private readonly float[] _mean, _scale, _embedWt, _embedBias, _position, _finalGain, _finalBias, _headW, _headB;
    private readonly float _clipMin, _clipMax, _attentionScale;
    private readonly Layer[] _layers;
    private readonly float[] _x, _h, _a, _q, _k, _v, _ctx, _kt, _vh, _row, _ff1, _pooled, _logits;
    private readonly int _tPadded;

    private sealed record Layer(float[] Norm1Gain, float[] Norm1Bias, float[] Qt, float[] Qb, float[] Kt, float[] Kb, float[] Vt, float[] Vb,
        float[] Ot, float[] Ob, float[] Norm2Gain, float[] Norm2Bias, float[] Ff1t, float[] Ff1b, float[] Ff2t, float[] Ff2b);

    private CompiledTransformer(Func<string, float[]> get, int t, int heads, int layers)
    {
        _mean = get("mean");
        _scale = get("scale");
        _clipMin = get("clip_min")[0];
        _clipMax = get("clip_max")[0];
        _embedWt = get("embed_Wt");
        _embedBias = get("embed_bias");
        _position = get("position");
        _finalGain = get("final_norm_gain");
        _finalBias = get("final_norm_bias");
        _headW = get("head_W");
        _headB = get("head_b");
        _attentionScale = get("attention_scale")[0];
        _t = t;
        _f = _mean.Length;
        _d = _embedBias.Length;
        _heads = heads;
        _dh = _d / heads;
        _outputs = _headB.Length;
        _layers = new Layer[layers];
        for (int i = 0; i < layers; i++)
        {
            string p = $"l{i}";
            _layers[i] = new Layer(get(p + "_norm1_gain"), get(p + "_norm1_bias"), get(p + "_q_Wt"), get(p + "_q_bias"), get(p + "_k_Wt"), get(p + "_k_bias"),
                get(p + "_v_Wt"), get(p + "_v_bias"), get(p + "_o_Wt"), get(p + "_o_bias"), get(p + "_norm2_gain"), get(p + "_norm2_bias"),
                get(p + "_ff1_Wt"), get(p + "_ff1_bias"), get(p + "_ff2_Wt"), get(p + "_ff2_bias"));
        }
        _ff = layers > 0 ? _layers[0].Ff1b.Length : 0;
        if (_embedWt.Length != _f * _d || _position.Length != t * _d || _d % heads != 0 || _headW.Length != _outputs * _d || _scale.Length != _f)
            throw new InvalidDataException($"transformer tensors do not agree: F {_f}, d {_d}, T {t}, heads {heads}");
        _x = new float[t * _f];
        _h = new float[t * _d];
        _a = new float[t * _d];
        _q = new float[t * _d];
        _k = new float[t * _d];
        _v = new float[t * _d];
        _ctx = new float[t * _d];
        _tPadded = (t + 7) / 8 * 8;
        _kt = new float[_dh * _tPadded];
        _vh = new float[t * _dh];
        _row = new float[_tPadded];
        _ff1 = new float[t * Math.Max(_ff, 1)];
        _pooled = new float[_d];
        _logits = new float[_outputs];
    }

    /// <summary>Rows per window (T).</summary>
    public int SequenceLength => _t;

    /// <summary>Features per row.</summary>
    public int Inputs => _f;

    /// <summary>Score columns.</summary>
    public int Outputs => _outputs;

    /// <summary>Reads the encoder from a transformer window model.</summary>
    /// <exception cref="InvalidDataException">The graph is not <see cref="Onnx.TransformerModelBuilder"/>'s, or a tensor is missing or mis-sized.</exception>
    public static CompiledTransformer FromModel(ModelProto model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var init = model.Graph.Initializer.ToDictionary(x => x.Name, StringComparer.Ordinal);
        float[] Get(string name)
        {
            if (!init.TryGetValue(name, out var x)) throw new InvalidDataException($"not a transformer window model: no initializer '{name}'");
            if (x.FloatData.Count > 0) return [.. x.FloatData];
            return MemoryMarshal.Cast<byte, float>(x.RawData.Span).ToArray();
        }
        if (!init.TryGetValue("heads_shape", out var shape)) throw new InvalidDataException("not a transformer window model: no 'heads_shape'");
        long[] dims = shape.Int64Data.Count > 0 ? [.. shape.Int64Data] : MemoryMarshal.Cast<byte, long>(shape.RawData.Span).ToArray();
        if (dims.Length != 4) throw new InvalidDataException("heads_shape is not [0, T, heads, dh]");
        int layers = 0;
        while (model.Graph.Node.Any(n => n.Name == $"l{layers}_norm1")) layers++;
        if (layers == 0) throw new InvalidDataException("not a transformer window model: no encoder layer");
        return new CompiledTransformer(Get, (int)dims[1], (int)dims[2], layers);
    }

    /// <summary>Scores one window <paramref name="window"/> (<c>T x F</c> raw rows, oldest first) into <paramref name="scores"/>.</summary>
    public void Predict(ReadOnlySpan<float> window, Span<float> scores)
    {
        int t = _t, f = _f, d = _d;
        if (window.Length < t * f || scores.Length < _outputs) throw new ArgumentException("window or scores too short");
        for (int r = 0; r < t; r++)
        {
            var src = window.Slice(r * f, f);
            var dst = _x.AsSpan(r * f, f);
            TensorPrimitives.Subtract(src, _mean, dst);
            TensorPrimitives.Multiply(dst, _scale, dst);
            TensorPrimitives.Max(dst, _clipMin, dst);
            TensorPrimitives.Min(dst, _clipMax, dst);
        }
        Linear(_x, f, _embedWt, _embedBias, d, _h);
        TensorPrimitives.Add(_h, _position, _h);
        foreach (var l in _layers) Encode(l);
        Norm(_h, _finalGain, _finalBias, _a);
        _pooled.AsSpan().Clear();
        for (int r = 0; r < t; r++) TensorPrimitives.Add(_pooled, _a.AsSpan(r * d, d), _pooled);
        TensorPrimitives.Divide(_pooled, t, _pooled);
        for (int o = 0; o < _outputs; o++) _logits[o] = TensorPrimitives.Dot(_pooled, _headW.AsSpan(o * d, d)) + _headB[o];
        TensorPrimitives.SoftMax(_logits, scores[.._outputs]);
    }

    private void Encode(Layer l)
    {
        int t = _t, d = _d, dh = _dh;
        Norm(_h, l.Norm1Gain, l.Norm1Bias, _a);
        Linear(_a, d, l.Qt, l.Qb, d, _q);
        Linear(_a, d, l.Kt, l.Kb, d, _k);
        Linear(_a, d, l.Vt, l.Vb, d, _v);
        int tp = _tPadded;
        for (int hd = 0; hd < _heads; hd++)
        {
            int col = hd * dh;
            // Kᵀ of the head as [dh, T padded to 8] (zeros beyond T) and V of the head as [T, dh], both contiguous.
            for (int s = 0; s < t; s++)
                for (int e = 0; e < dh; e++)
                {
                    _kt[e * tp + s] = _k[s * d + col + e];
                    _vh[s * dh + e] = _v[s * d + col + e];
                }
            for (int r = 0; r < t; r++)
            {
                var row = _row.AsSpan(0, t);
                RowTimes(_q.AsSpan(r * d + col, dh), _kt, tp, _row);
                TensorPrimitives.Multiply(row, _attentionScale, row);
                TensorPrimitives.SoftMax(row, row);
                RowTimes(row, _vh, dh, _ctx.AsSpan(r * d + col, dh));
            }
        }
        Linear(_ctx, d, l.Ot, l.Ob, d, _a);
        TensorPrimitives.Add(_h, _a, _h);
        Norm(_h, l.Norm2Gain, l.Norm2Bias, _a);
        Linear(_a, d, l.Ff1t, l.Ff1b, _ff, _ff1);
        TensorPrimitives.Max(_ff1, 0f, _ff1);
        Linear(_ff1, _ff, l.Ff2t, l.Ff2b, d, _q);
        TensorPrimitives.Add(_h, _q, _h);
    }

    // y[r,:] = x[r,:]·W + b, W stored [in, out] (the graph's MatMul initializer); the product summed over inputs in
    // order, then the bias (MatMul, then Add).
    private void Linear(float[] x, int inputs, float[] wt, float[] bias, int outputs, float[] y)
    {
        for (int r = 0; r < _t; r++)
        {
            var dst = y.AsSpan(r * outputs, outputs);
            RowTimes(x.AsSpan(r * inputs, inputs), wt, outputs, dst);
            TensorPrimitives.Add(dst, bias, dst);
        }
    }

    // y[0..stride) = Σ_i x[i]·w[i, :] for w row-major [x.Length, stride], summed in input order. With AVX2/FMA3 and a
    // stride that is a multiple of 8: 32 outputs at a time in 4 independent accumulators, one broadcast per input.
    private static void RowTimes(ReadOnlySpan<float> x, float[] w, int stride, Span<float> y)
    {
        int n = x.Length, c = 0;
        if (Fma.IsSupported && stride % 8 == 0)
        {
            ref float wr = ref MemoryMarshal.GetArrayDataReference(w);
            ref float yr = ref MemoryMarshal.GetReference(y);
            for (; c + 32 <= stride; c += 32)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                for (int i = 0; i < n; i++)
                {
                    var xi = Vector256.Create(x[i]);
                    nuint at = (nuint)(i * stride + c);
                    a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at), xi, a0);
                    a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + 8), xi, a1);
                    a2 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + 16), xi, a2);
                    a3 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + 24), xi, a3);
                }
                a0.StoreUnsafe(ref yr, (nuint)c);
                a1.StoreUnsafe(ref yr, (nuint)c + 8);
                a2.StoreUnsafe(ref yr, (nuint)c + 16);
                a3.StoreUnsafe(ref yr, (nuint)c + 24);
            }
            for (; c + 16 <= stride; c += 16)
            {
                // Two outputs vectors, even and odd inputs apart: four chains for short strides (a head's 16).
                Vector256<float> a0 = default, a1 = default, b0 = default, b1 = default;
                int i = 0;
                for (; i + 1 < n; i += 2)
                {
                    var xa = Vector256.Create(x[i]);
                    var xb = Vector256.Create(x[i + 1]);
                    nuint at = (nuint)(i * stride + c), bt = at + (nuint)stride;
                    a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at), xa, a0);
                    a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + 8), xa, a1);
                    b0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, bt), xb, b0);
                    b1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, bt + 8), xb, b1);
                }
                if (i < n)
                {
                    var xa = Vector256.Create(x[i]);
                    nuint at = (nuint)(i * stride + c);
                    a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at), xa, a0);
                    a1 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, at + 8), xa, a1);
                }
                (a0 + b0).StoreUnsafe(ref yr, (nuint)c);
                (a1 + b1).StoreUnsafe(ref yr, (nuint)c + 8);
            }
            for (; c < stride; c += 8)
            {
                Vector256<float> a0 = default;
                for (int i = 0; i < n; i++) a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, (nuint)(i * stride + c)), Vector256.Create(x[i]), a0);
                a0.StoreUnsafe(ref yr, (nuint)c);
            }
            return;
        }
        for (; c < stride; c++)
        {
            float sum = 0f;
            for (int i = 0; i < n; i++) sum += x[i] * w[i * stride + c];
            y[c] = sum;
        }
    }

    // LayerNormalization over the last axis (epsilon 1e-5, biased variance), per row.
    private void Norm(float[] x, float[] gain, float[] bias, float[] y)
    {
        int d = _d;
        for (int r = 0; r < _t; r++)
        {
            var src = x.AsSpan(r * d, d);
            var dst = y.AsSpan(r * d, d);
            float mean = TensorPrimitives.Sum(src) / d;
            TensorPrimitives.Subtract(src, mean, dst);
            float variance = TensorPrimitives.Dot(dst, dst) / d;
            TensorPrimitives.Multiply(dst, 1f / MathF.Sqrt(variance + Onnx.TransformerWeights.NormEpsilon), dst);
            TensorPrimitives.Multiply(dst, gain, dst);
            TensorPrimitives.Add(dst, bias, dst);
        }
    }
}
