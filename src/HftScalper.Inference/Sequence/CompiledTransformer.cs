using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HftScalper.Inference.Onnx.Proto;
using static HftScalper.Inference.Sequence.TransformerKernels;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// The transformer window model (<see cref="Onnx.TransformerModelBuilder"/>'s graph: standardise, embedding plus
/// positions, pre-norm encoder layers, final norm, mean over time, Gemm head, Softmax) computed in C# from the graph's
/// own initializers: the same arithmetic as the ORT graph (sums vectorised, exponentials by
/// <see cref="TensorPrimitives"/>), so scores agree with ONNX Runtime to float rounding (tests hold 1e-5) without
/// ORT's per-node dispatch. Two entry points:
/// <list type="bullet">
/// <item><see cref="Predict"/> scores a window of raw rows (T x F), every product recomputed.</item>
/// <item><see cref="EncodeSnapshot"/> + <see cref="PredictEncoded(ReadOnlySpan{float}, Span{float})"/>: the serving path. The positions are learned and
/// absolute (a snapshot moves one position each time the window slides), so nothing after the first layer norm can
/// be kept between windows as is; but the part of the first layer's Q/K/V that depends on the snapshot alone can. With
/// z = e + p (embedding of the snapshot plus the position's row), LayerNorm(z)·W = inv(z)·((e - ē)∘g)·W +
/// inv(z)·((p - p̄)∘g)·W + b·W: the first product is computed once per snapshot (<see cref="EncodeSnapshot"/>, kept in
/// the symbol's ring with e), the second once per position at load, and a window only needs each position's
/// 1/σ (from e + p) to combine them. A window then skips the embedding (T x F x d) and the first layer's three
/// projections (3 x T x d x d).</item>
/// </list>
/// Buffers are made once: allocation-free per call; not thread-safe (one inference thread).
/// </summary>
internal sealed partial class CompiledTransformer
{
    private readonly int _t, _f, _d, _d3, _heads, _dh, _ff, _outputs, _tPadded;
    private int _maxWindows = 1;
    private readonly float[] _mean, _scale, _embedWt, _embedBias, _position, _finalGain, _finalBias, _headW, _headB;
    private readonly float _clipMin, _clipMax, _attentionScale;
    private readonly Layer[] _layers;
    private readonly float[] _snapshotQkv, _positionQkv, _qkvConstant;
    private readonly float[] _x, _kt, _vh, _s, _pooled, _logits, _row, _centred;
    private float[] _h, _a, _qkv, _ctx, _ff1;   // [windows x T] rows: one window, or up to MaxWindows at once

    private sealed record Layer(float[] Norm1Gain, float[] Norm1Bias, float[] QkvT, float[] QkvB, float[] Ot, float[] Ob,
        float[] Norm2Gain, float[] Norm2Bias, float[] Ff1t, float[] Ff1b, float[] Ff2t, float[] Ff2b);

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
        _d3 = 3 * _d;
        _heads = heads;
        _dh = _d / heads;
        _outputs = _headB.Length;
        if (_embedWt.Length != _f * _d || _position.Length != t * _d || _d % heads != 0 || _headW.Length != _outputs * _d || _scale.Length != _f)
            throw new InvalidDataException($"transformer tensors do not agree: F {_f}, d {_d}, T {t}, heads {heads}");
        _layers = new Layer[layers];
        for (int i = 0; i < layers; i++)
        {
            string p = $"l{i}";
            _layers[i] = new Layer(get(p + "_norm1_gain"), get(p + "_norm1_bias"),
                Fuse(get(p + "_q_Wt"), get(p + "_k_Wt"), get(p + "_v_Wt"), _d), [.. get(p + "_q_bias"), .. get(p + "_k_bias"), .. get(p + "_v_bias")],
                get(p + "_o_Wt"), get(p + "_o_bias"), get(p + "_norm2_gain"), get(p + "_norm2_bias"),
                get(p + "_ff1_Wt"), get(p + "_ff1_bias"), get(p + "_ff2_Wt"), get(p + "_ff2_bias"));
            if (_layers[i].QkvT.Length != _d * _d3 || _layers[i].QkvB.Length != _d3)
                throw new InvalidDataException($"layer {i}: Q/K/V projections are not {_d} x {_d}");
        }
        _ff = _layers[0].Ff1b.Length;
        (_snapshotQkv, _positionQkv, _qkvConstant) = SplitFirstProjection(_layers[0]);
        _x = new float[t * _f];
        _h = new float[t * _d];
        _a = new float[t * _d];
        _qkv = new float[t * _d3];
        _ctx = new float[t * _d];
        _tPadded = (t + 7) / 8 * 8;
        _kt = new float[_dh * _tPadded];
        _vh = new float[t * _dh];
        _s = new float[t * _tPadded];
        _ff1 = new float[t * Math.Max(_ff, 1)];
        _pooled = new float[_d];
        _logits = new float[_outputs];
        _row = new float[_f];
        _centred = new float[_d];
    }

    /// <summary>Windows <see cref="PredictEncoded(ReadOnlySpan{float}, int, Span{float})"/> scores in one pass, at most.</summary>
    public int MaxWindows => _maxWindows;

    /// <summary>Sizes the row buffers for <paramref name="windows"/> windows per pass (allocates; call at load, never per call).</summary>
    public void ReserveWindows(int windows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(windows);
        if (windows <= _maxWindows) return;
        int rows = windows * _t;
        _h = new float[rows * _d];
        _a = new float[rows * _d];
        _qkv = new float[rows * _d3];
        _ctx = new float[rows * _d];
        _ff1 = new float[rows * Math.Max(_ff, 1)];
        _maxWindows = windows;
    }

    /// <summary>Rows per window (T).</summary>
    public int SequenceLength => _t;

    /// <summary>Features per row.</summary>
    public int Inputs => _f;

    /// <summary>Score columns (the graph's order).</summary>
    public int Outputs => _outputs;

    /// <summary>Floats <see cref="EncodeSnapshot"/> writes per snapshot: e (d) and its share of the first layer's Q, K, V (3d).</summary>
    public int SnapshotWidth => 4 * _d;

    /// <summary>Scores one window <paramref name="window"/> (<c>T x F</c> raw rows, oldest first) into <paramref name="scores"/>.</summary>
    public void Predict(ReadOnlySpan<float> window, Span<float> scores)
    {
        int t = _t, f = _f, d = _d;
        if (window.Length < t * f || scores.Length < _outputs) throw new ArgumentException("window or scores too short");
        for (int r = 0; r < t; r++) Standardise(window.Slice(r * f, f), _x.AsSpan(r * f, f));
        Gemm(_x, 0, f, t, f, _embedWt, d, _h, 0, d, _embedBias);
        var h = _h.AsSpan(0, t * d);
        TensorPrimitives.Add(h, _position, h);
        foreach (var l in _layers) Encode(l, 1);
        Head(0, scores);
    }

    /// <summary>
    /// Encodes one raw snapshot row (<see cref="Inputs"/> floats) into <paramref name="snapshot"/>
    /// (<see cref="SnapshotWidth"/> floats): what every window holding this snapshot will read, whatever its position.
    /// </summary>
    public void EncodeSnapshot(ReadOnlySpan<float> row, Span<float> snapshot)
    {
        int d = _d;
        Standardise(row[.._f], _row);
        var e = snapshot[..d];
        RowTimes(_row, _embedWt, d, e, _embedBias);
        float mean = TensorPrimitives.Sum(e) / d;
        TensorPrimitives.Subtract(e, mean, _centred);
        RowTimes(_centred, _snapshotQkv, _d3, snapshot.Slice(d, _d3));
    }

    /// <summary>
    /// Scores the window whose snapshots, oldest first, were encoded by <see cref="EncodeSnapshot"/> into
    /// <paramref name="encoded"/> (<c>T x</c> <see cref="SnapshotWidth"/>): the scores <see cref="Predict"/> gives on
    /// the raw rows, to float rounding.
    /// </summary>
    public void PredictEncoded(ReadOnlySpan<float> encoded, Span<float> scores) => PredictEncoded(encoded, 1, scores);

    /// <summary>
    /// Scores <paramref name="windows"/> encoded windows laid one after the other in <paramref name="encoded"/> (each
    /// <c>T x</c> <see cref="SnapshotWidth"/>) into <paramref name="scores"/> (<c>windows x</c> <see cref="Outputs"/>) in
    /// one pass: the row-wise products (output projection, feed-forward, further layers' Q/K/V) run over all the
    /// windows' rows at once, so each weight block is loaded once per four rows whatever window they belong to;
    /// attention, pooling and the head stay per window. Every score has the same bits as
    /// <see cref="PredictEncoded(ReadOnlySpan{float}, Span{float})"/> on that window alone: each output row is summed by
    /// the same kernel in the same order (windows whose T is not a multiple of the kernel's four rows are multiplied
    /// window by window, so a row never changes kernel). At most <see cref="MaxWindows"/> windows.
    /// </summary>
    public void PredictEncoded(ReadOnlySpan<float> encoded, int windows, Span<float> scores)
    {
        int t = _t, d = _d, d3 = _d3, w = SnapshotWidth;
        if ((uint)(windows - 1) >= (uint)_maxWindows || encoded.Length < windows * t * w || scores.Length < windows * _outputs)
            throw new ArgumentException("window count out of range, or windows or scores too short");
        for (int k = 0; k < windows * t; k++)
        {
            var snapshot = encoded.Slice(k * w, w);
            var h = _h.AsSpan(k * d, d);
            int p = k % t;
            TensorPrimitives.Add(snapshot[..d], _position.AsSpan(p * d, d), h);
            float inv = InverseDeviation(h, _centred);
            CombineQkv(snapshot.Slice(d, d3), _positionQkv.AsSpan(p * d3, d3), inv, _qkvConstant, _qkv.AsSpan(k * d3, d3));
        }
        AttendAndFeedForward(_layers[0], windows);
        for (int i = 1; i < _layers.Length; i++) Encode(_layers[i], windows);
        for (int b = 0; b < windows; b++) Head(b, scores.Slice(b * _outputs, _outputs));
    }

    // x = clip((row - mean)·scale): Sub, Mul, Clip as the graph does, eight columns at a time.
    private void Standardise(ReadOnlySpan<float> src, Span<float> dst)
    {
        int f = _f, j = 0;
        if (Avx.IsSupported)
        {
            var lo = Vector256.Create(_clipMin);
            var hi = Vector256.Create(_clipMax);
            for (; j + 8 <= f; j += 8)
            {
                var v = (Vector256.Create(src.Slice(j, 8)) - Vector256.Create(_mean.AsSpan(j, 8))) * Vector256.Create(_scale.AsSpan(j, 8));
                Avx.Min(hi, Avx.Max(lo, v)).CopyTo(dst.Slice(j, 8));
            }
        }
        for (; j < f; j++) dst[j] = Math.Clamp((src[j] - _mean[j]) * _scale[j], _clipMin, _clipMax);
    }

    // One pre-norm layer over _h from its first norm on, for the first `windows` windows' rows.
    private void Encode(Layer l, int windows)
    {
        Norm(_h, l.Norm1Gain, l.Norm1Bias, _a, windows * _t);
        RowGemm(_a, _d, windows, _d, l.QkvT, _d3, _qkv, _d3, l.QkvB);
        AttendAndFeedForward(l, windows);
    }

    // Gemm over `windows` windows' rows (x and y row-major, `inputs` and `width` floats a row): all rows in one call when
    // T is a multiple of the kernel's 4-row block (every row then goes through the block kernel, as in a window alone),
    // else window by window (the same rows fall in the same blocks and the same tail as in a window alone).
    private void RowGemm(float[] x, int xStride, int windows, int inputs, float[] w, int width, float[] y, int yStride, float[]? bias)
    {
        int t = _t;
        if (windows == 1 || t % 4 == 0) Gemm(x, 0, xStride, windows * t, inputs, w, width, y, 0, yStride, bias);
        else
            for (int b = 0; b < windows; b++) Gemm(x, b * t * xStride, xStride, t, inputs, w, width, y, b * t * yStride, yStride, bias);
    }

    // The rest of a layer once _qkv holds its Q | K | V rows: heads, output projection, residual, norm, feed-forward, residual.
    // The rest of a layer once _qkv holds its Q | K | V rows: heads (window by window), then for all the windows' rows at
    // once the output projection, residual, norm, feed-forward, residual.
    private void AttendAndFeedForward(Layer l, int windows)
    {
        int t = _t, d = _d, d3 = _d3, dh = _dh, tp = _tPadded, n = windows * t;
        for (int b = 0; b < windows; b++)
        {
            int q0 = b * t * d3;
            for (int hd = 0; hd < _heads; hd++)
            {
                int col = hd * dh;
                // Kᵀ of the head as [dh, T padded to 8] (zeros beyond T) and V of the head as [T, dh], both contiguous.
                for (int s = 0; s < t; s++)
                    for (int e = 0; e < dh; e++)
                    {
                        _kt[e * tp + s] = _qkv[q0 + s * d3 + d + col + e];
                        _vh[s * dh + e] = _qkv[q0 + s * d3 + 2 * d + col + e];
                    }
                // S = Q·Kᵀ [T, T padded], per row scaled and softmaxed over the T keys, then context = S·V into the head's columns.
                Gemm(_qkv, q0 + col, d3, t, dh, _kt, tp, _s, 0, tp, null);
                for (int r = 0; r < t; r++) ScaledSoftmax(_s.AsSpan(r * tp, t));
                Gemm(_s, 0, tp, t, t, _vh, dh, _ctx, b * t * d + col, d, null);
            }
        }
        var h = _h.AsSpan(0, n * d);
        RowGemm(_ctx, d, windows, d, l.Ot, d, _a, d, l.Ob);
        TensorPrimitives.Add(h, _a.AsSpan(0, n * d), h);
        Norm(_h, l.Norm2Gain, l.Norm2Bias, _a, n);
        RowGemm(_a, d, windows, d, l.Ff1t, _ff, _ff1, _ff, l.Ff1b);
        var ff1 = _ff1.AsSpan(0, n * _ff);
        TensorPrimitives.Max(ff1, 0f, ff1);
        RowGemm(_ff1, _ff, windows, _ff, l.Ff2t, d, _ctx, d, l.Ff2b);
        TensorPrimitives.Add(h, _ctx.AsSpan(0, n * d), h);
    }

    // Window b's final norm, mean over the positions, Gemm head, Softmax.
    private void Head(int b, Span<float> scores)
    {
        int d = _d, r0 = b * _t;
        Norm(_h, _finalGain, _finalBias, _a, _t, r0);
        _pooled.AsSpan().Clear();
        for (int r = r0; r < r0 + _t; r++) TensorPrimitives.Add(_pooled, _a.AsSpan(r * d, d), _pooled);
        TensorPrimitives.Divide(_pooled, _t, _pooled);
        for (int o = 0; o < _outputs; o++) _logits[o] = TensorPrimitives.Dot(_pooled, _headW.AsSpan(o * d, d)) + _headB[o];
        TensorPrimitives.SoftMax(_logits, scores[.._outputs]);
    }

    // As MLAS's softmax of the graph's Mul-then-Softmax: x·scale, minus max·scale (the max of the scaled row), exp once
    // per element, then times 1/sum; one pass for the shift, exponential and sum (VectorExp), one for the product.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void ScaledSoftmax(Span<float> row)
    {
        float scale = _attentionScale, shift = TensorPrimitives.Max(row) * scale, sum = 0f;
        int n = row.Length, j = 0;
        ref float r0 = ref MemoryMarshal.GetReference(row);
        if (Fma.IsSupported && Avx2.IsSupported)
        {
            var vs = Vector256.Create(scale);
            var vm = Vector256.Create(shift);
            var acc = Vector256<float>.Zero;
            for (; j + 8 <= n; j += 8)
            {
                var e = TransformerKernels.Exp(Vector256.LoadUnsafe(ref r0, (nuint)j) * vs - vm);
                e.StoreUnsafe(ref r0, (nuint)j);
                acc += e;
            }
            sum = Vector256.Sum(acc);
        }
        for (; j < n; j++)
        {
            float e = MathF.Exp(Unsafe.Add(ref r0, j) * scale - shift);
            Unsafe.Add(ref r0, j) = e;
            sum += e;
        }
        TensorPrimitives.Multiply(row, 1f / sum, row);
    }

    // LayerNormalization over the last axis (epsilon 1e-5, biased variance), per row: y = (x - mean)·inv·gain + bias.
    private void Norm(float[] x, float[] gain, float[] bias, float[] y, int rows, int first = 0)
    {
        int d = _d;
        for (int r = first; r < first + rows; r++)
        {
            var dst = y.AsSpan(r * d, d);
            float inv = InverseDeviation(x.AsSpan(r * d, d), dst);
            int j = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                ref float y0 = ref MemoryMarshal.GetReference(dst);
                ref float g0 = ref MemoryMarshal.GetArrayDataReference(gain);
                ref float b0 = ref MemoryMarshal.GetArrayDataReference(bias);
                var vi = Vector256.Create(inv);
                for (; j + 8 <= d; j += 8)
                    (Vector256.LoadUnsafe(ref y0, (nuint)j) * vi * Vector256.LoadUnsafe(ref g0, (nuint)j) + Vector256.LoadUnsafe(ref b0, (nuint)j)).StoreUnsafe(ref y0, (nuint)j);
            }
            for (; j < d; j++) dst[j] = dst[j] * inv * gain[j] + bias[j];
        }
    }

    // centred = x - mean(x); returns 1/sqrt(var + epsilon) (the biased variance), as LayerNormalization computes them;
    // eight lanes of partial sums when d is a multiple of 8.
    private static float InverseDeviation(ReadOnlySpan<float> x, Span<float> centred)
    {
        int d = x.Length;
        float mean, squares = 0f;
        if (Vector256.IsHardwareAccelerated && d % 8 == 0)
        {
            ref float x0 = ref MemoryMarshal.GetReference(x);
            ref float c0 = ref MemoryMarshal.GetReference(centred);
            var sum = Vector256<float>.Zero;
            for (int j = 0; j < d; j += 8) sum += Vector256.LoadUnsafe(ref x0, (nuint)j);
            mean = Vector256.Sum(sum) / d;
            var vm = Vector256.Create(mean);
            var sq = Vector256<float>.Zero;
            for (int j = 0; j < d; j += 8)
            {
                var c = Vector256.LoadUnsafe(ref x0, (nuint)j) - vm;
                c.StoreUnsafe(ref c0, (nuint)j);
                sq += c * c;
            }
            squares = Vector256.Sum(sq);
        }
        else
        {
            float total = 0f;
            for (int j = 0; j < d; j++) total += x[j];
            mean = total / d;
            for (int j = 0; j < d; j++)
            {
                float c = x[j] - mean;
                centred[j] = c;
                squares += c * c;
            }
        }
        return 1f / MathF.Sqrt(squares / d + Onnx.TransformerWeights.NormEpsilon);
    }

    // qkv = (snapshot part + position part)·inv + constant, eight at a time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CombineQkv(ReadOnlySpan<float> snapshot, ReadOnlySpan<float> position, float inv, ReadOnlySpan<float> constant, Span<float> qkv)
    {
        int n = qkv.Length, j = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var vi = Vector256.Create(inv);
            for (; j + 8 <= n; j += 8)
                ((Vector256.Create(snapshot.Slice(j, 8)) + Vector256.Create(position.Slice(j, 8))) * vi + Vector256.Create(constant.Slice(j, 8))).CopyTo(qkv.Slice(j, 8));
        }
        for (; j < n; j++) qkv[j] = (snapshot[j] + position[j]) * inv + constant[j];
    }
}
