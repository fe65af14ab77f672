using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
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
    private readonly float[] _x, _h, _a, _q, _k, _v, _ctx, _kt, _vh, _s, _ff1, _pooled, _logits;
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
        _s = new float[t * _tPadded];
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
        Standardise(window);
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

    // x = clip((row - mean)·scale) per row: Sub, Mul, Clip as the graph does, eight columns at a time.
    private void Standardise(ReadOnlySpan<float> window)
    {
        int f = _f, vectorEnd = Avx.IsSupported ? f / 8 * 8 : 0;
        var lo = Vector256.Create(_clipMin);
        var hi = Vector256.Create(_clipMax);
        for (int r = 0; r < _t; r++)
        {
            var src = window.Slice(r * f, f);
            var dst = _x.AsSpan(r * f, f);
            for (int j = 0; j < vectorEnd; j += 8)
            {
                var v = (Vector256.Create(src.Slice(j, 8)) - Vector256.Create(_mean.AsSpan(j, 8))) * Vector256.Create(_scale.AsSpan(j, 8));
                Avx.Min(hi, Avx.Max(lo, v)).CopyTo(dst.Slice(j, 8));
            }
            for (int j = vectorEnd; j < f; j++) dst[j] = Math.Clamp((src[j] - _mean[j]) * _scale[j], _clipMin, _clipMax);
        }
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
            // S = Q·Kᵀ [T, T padded], per row scaled and softmaxed over the T keys, then context = S·V into the head's columns.
            Gemm(_q, col, d, t, dh, _kt, tp, _s, 0, tp, null);
            for (int r = 0; r < t; r++)
            {
                // As MLAS's softmax: exp(x - max) once per element, then times 1/sum (the scale folded into the shift).
                var row = _s.AsSpan(r * tp, t);
                float max = TensorPrimitives.Max(row);
                TensorPrimitives.Multiply(row, _attentionScale, row);
                TensorPrimitives.Subtract(row, max * _attentionScale, row);
                TensorPrimitives.Exp(row, row);
                TensorPrimitives.Multiply(row, 1f / TensorPrimitives.Sum(row), row);
            }
            Gemm(_s, 0, tp, t, t, _vh, dh, _ctx, col, d, null);
        }
        Linear(_ctx, d, l.Ot, l.Ob, d, _a);
        TensorPrimitives.Add(_h, _a, _h);
        Norm(_h, l.Norm2Gain, l.Norm2Bias, _a);
        Linear(_a, d, l.Ff1t, l.Ff1b, _ff, _ff1);
        TensorPrimitives.Max(_ff1, 0f, _ff1);
        Linear(_ff1, _ff, l.Ff2t, l.Ff2b, d, _q);
        TensorPrimitives.Add(_h, _q, _h);
    }

    // y[r,:] = x[r,:]·W + b over the window's rows, W stored [in, out] (the graph's MatMul initializer).
    private void Linear(float[] x, int inputs, float[] wt, float[] bias, int outputs, float[] y) =>
        Gemm(x, 0, inputs, _t, inputs, wt, outputs, y, 0, outputs, bias);

    // y[yOff + r·yStride + c] = bias[c] + Σ_i x[xOff + r·xStride + i]·w[i·width + c] for r < rows, c < width, summed in
    // input order. With AVX2/FMA3 and a width that is a multiple of 16: 4 rows x 16 outputs per pass, 8 independent
    // accumulators sharing each weight load (rows left over, and other widths, go row by row).
    private static void Gemm(float[] x, int xOff, int xStride, int rows, int inputs, float[] w, int width, float[] y, int yOff, int yStride, float[]? bias)
    {
        int r = 0;
        if (Fma.IsSupported && width % 16 == 0)
        {
            ref float xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref float wr = ref MemoryMarshal.GetArrayDataReference(w);
            ref float yr = ref MemoryMarshal.GetArrayDataReference(y);
            for (; r + 4 <= rows; r += 4)
            {
                int x0 = xOff + r * xStride;
                for (int c = 0; c < width; c += 16)
                {
                    Vector256<float> lo = default, hi = default;
                    if (bias is not null)
                    {
                        lo = Vector256.Create(bias.AsSpan(c, 8));
                        hi = Vector256.Create(bias.AsSpan(c + 8, 8));
                    }
                    Vector256<float> a0 = lo, a1 = hi, b0 = lo, b1 = hi, c0 = lo, c1 = hi, d0 = lo, d1 = hi;
                    for (int i = 0; i < inputs; i++)
                    {
                        nuint at = (nuint)(i * width + c);
                        var w0 = Vector256.LoadUnsafe(ref wr, at);
                        var w1 = Vector256.LoadUnsafe(ref wr, at + 8);
                        var xa = Vector256.Create(Unsafe.Add(ref xr, x0 + i));
                        var xb = Vector256.Create(Unsafe.Add(ref xr, x0 + xStride + i));
                        var xc = Vector256.Create(Unsafe.Add(ref xr, x0 + 2 * xStride + i));
                        var xd = Vector256.Create(Unsafe.Add(ref xr, x0 + 3 * xStride + i));
                        a0 = Fma.MultiplyAdd(w0, xa, a0);
                        a1 = Fma.MultiplyAdd(w1, xa, a1);
                        b0 = Fma.MultiplyAdd(w0, xb, b0);
                        b1 = Fma.MultiplyAdd(w1, xb, b1);
                        c0 = Fma.MultiplyAdd(w0, xc, c0);
                        c1 = Fma.MultiplyAdd(w1, xc, c1);
                        d0 = Fma.MultiplyAdd(w0, xd, d0);
                        d1 = Fma.MultiplyAdd(w1, xd, d1);
                    }
                    nuint y0 = (nuint)(yOff + r * yStride + c), ys = (nuint)yStride;
                    a0.StoreUnsafe(ref yr, y0);
                    a1.StoreUnsafe(ref yr, y0 + 8);
                    b0.StoreUnsafe(ref yr, y0 + ys);
                    b1.StoreUnsafe(ref yr, y0 + ys + 8);
                    c0.StoreUnsafe(ref yr, y0 + 2 * ys);
                    c1.StoreUnsafe(ref yr, y0 + 2 * ys + 8);
                    d0.StoreUnsafe(ref yr, y0 + 3 * ys);
                    d1.StoreUnsafe(ref yr, y0 + 3 * ys + 8);
                }
            }
        }
        for (; r < rows; r++)
            RowTimes(x.AsSpan(xOff + r * xStride, inputs), w, width, y.AsSpan(yOff + r * yStride, width), bias);
    }

    // y[0..stride) = Σ_i x[i]·w[i, :] for w row-major [x.Length, stride], summed in input order. With AVX2/FMA3 and a
    // stride that is a multiple of 8: 32 outputs at a time in 4 independent accumulators, one broadcast per input.
    private static void RowTimes(ReadOnlySpan<float> x, float[] w, int stride, Span<float> y, ReadOnlySpan<float> bias = default)
    {
        int n = x.Length, c = 0;
        bool biased = !bias.IsEmpty;
        if (Fma.IsSupported && stride % 8 == 0)
        {
            ref float wr = ref MemoryMarshal.GetArrayDataReference(w);
            ref float yr = ref MemoryMarshal.GetReference(y);
            for (; c + 32 <= stride; c += 32)
            {
                Vector256<float> a0 = default, a1 = default, a2 = default, a3 = default;
                if (biased)
                {
                    a0 = Vector256.Create(bias.Slice(c, 8));
                    a1 = Vector256.Create(bias.Slice(c + 8, 8));
                    a2 = Vector256.Create(bias.Slice(c + 16, 8));
                    a3 = Vector256.Create(bias.Slice(c + 24, 8));
                }
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
                if (biased)
                {
                    a0 = Vector256.Create(bias.Slice(c, 8));
                    a1 = Vector256.Create(bias.Slice(c + 8, 8));
                }
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
                var a0 = biased ? Vector256.Create(bias.Slice(c, 8)) : default;
                for (int i = 0; i < n; i++) a0 = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wr, (nuint)(i * stride + c)), Vector256.Create(x[i]), a0);
                a0.StoreUnsafe(ref yr, (nuint)c);
            }
            return;
        }
        for (; c < stride; c++)
        {
            float sum = biased ? bias[c] : 0f;
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
            float sum = 0f;
            for (int j = 0; j < d; j++) sum += src[j];
            float mean = sum / d, squares = 0f;
            for (int j = 0; j < d; j++)
            {
                float centred = src[j] - mean;
                dst[j] = centred;
                squares += centred * centred;
            }
            float inv = 1f / MathF.Sqrt(squares / d + Onnx.TransformerWeights.NormEpsilon);
            for (int j = 0; j < d; j++) dst[j] = dst[j] * inv * gain[j] + bias[j];
        }
    }
}
