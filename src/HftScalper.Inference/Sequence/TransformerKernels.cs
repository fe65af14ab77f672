using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// The dense products of <see cref="CompiledTransformer"/>: a row-block GEMM and a vector-times-matrix, both summing
/// over the inputs in input order (as MLAS does for these shapes), with AVX-512 or AVX2/FMA3 register blocking where
/// the width allows (both give each output the same fused sums in the same order) and a scalar loop otherwise. Stateless; allocation-free.
/// </summary>
internal static class TransformerKernels
{
    // y[yOff + r·yStride + c] = bias[c] + Σ_i x[xOff + r·xStride + i]·w[i·width + c] for r < rows, c < width, summed in
    // input order. With AVX2/FMA3 and a width that is a multiple of 16: 4 rows x 16 outputs per pass, 8 independent
    // accumulators sharing each weight load (rows left over, and other widths, go row by row).
    public static void Gemm(float[] x, int xOff, int xStride, int rows, int inputs, float[] w, int width, float[] y, int yOff, int yStride, float[]? bias)
    {
        int r = 0;
        if (Avx512F.IsSupported && width % 32 == 0)
        {
            // The same blocking in 512-bit lanes: 4 rows x 32 outputs per pass, half the instructions for the same sums.
            ref float xr = ref MemoryMarshal.GetArrayDataReference(x);
            ref float wr = ref MemoryMarshal.GetArrayDataReference(w);
            ref float yr = ref MemoryMarshal.GetArrayDataReference(y);
            for (; r + 4 <= rows; r += 4)
            {
                int x0 = xOff + r * xStride;
                for (int c = 0; c < width; c += 32)
                {
                    Vector512<float> lo = default, hi = default;
                    if (bias is not null)
                    {
                        lo = Vector512.Create(bias.AsSpan(c, 16));
                        hi = Vector512.Create(bias.AsSpan(c + 16, 16));
                    }
                    Vector512<float> a0 = lo, a1 = hi, b0 = lo, b1 = hi, c0 = lo, c1 = hi, d0 = lo, d1 = hi;
                    for (int i = 0; i < inputs; i++)
                    {
                        nuint at = (nuint)(i * width + c);
                        var w0 = Vector512.LoadUnsafe(ref wr, at);
                        var w1 = Vector512.LoadUnsafe(ref wr, at + 16);
                        var xa = Vector512.Create(Unsafe.Add(ref xr, x0 + i));
                        var xb = Vector512.Create(Unsafe.Add(ref xr, x0 + xStride + i));
                        var xc = Vector512.Create(Unsafe.Add(ref xr, x0 + 2 * xStride + i));
                        var xd = Vector512.Create(Unsafe.Add(ref xr, x0 + 3 * xStride + i));
                        a0 = Avx512F.FusedMultiplyAdd(w0, xa, a0);
                        a1 = Avx512F.FusedMultiplyAdd(w1, xa, a1);
                        b0 = Avx512F.FusedMultiplyAdd(w0, xb, b0);
                        b1 = Avx512F.FusedMultiplyAdd(w1, xb, b1);
                        c0 = Avx512F.FusedMultiplyAdd(w0, xc, c0);
                        c1 = Avx512F.FusedMultiplyAdd(w1, xc, c1);
                        d0 = Avx512F.FusedMultiplyAdd(w0, xd, d0);
                        d1 = Avx512F.FusedMultiplyAdd(w1, xd, d1);
                    }
                    nuint y0 = (nuint)(yOff + r * yStride + c), ys = (nuint)yStride;
                    a0.StoreUnsafe(ref yr, y0);
                    a1.StoreUnsafe(ref yr, y0 + 16);
                    b0.StoreUnsafe(ref yr, y0 + ys);
                    b1.StoreUnsafe(ref yr, y0 + ys + 16);
                    c0.StoreUnsafe(ref yr, y0 + 2 * ys);
                    c1.StoreUnsafe(ref yr, y0 + 2 * ys + 16);
                    d0.StoreUnsafe(ref yr, y0 + 3 * ys);
                    d1.StoreUnsafe(ref yr, y0 + 3 * ys + 16);
                }
            }
        }
        else if (Fma.IsSupported && width % 16 == 0)
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
    public static void RowTimes(ReadOnlySpan<float> x, float[] w, int stride, Span<float> y, ReadOnlySpan<float> bias = default)
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

    /// <summary>
    /// e^x in eight lanes (AVX2/FMA3): x = n·ln2 + r with |r| &lt;= ln2/2, e^r by its degree-6 Taylor polynomial,
    /// times 2^n built in the exponent bits; within 2 ulp of the exact value for x in [-87.3, 88.3] (clamped there:
    /// below it the result is about 1e-38, never a subnormal). The attention softmax's exponential.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Avx.Min(Avx.Max(x, Vector256.Create(-87.3f)), Vector256.Create(88.3f));
        var n = Avx.RoundToNearestInteger(x * Vector256.Create(1.44269504f));
        var r = Fma.MultiplyAddNegated(n, Vector256.Create(0.693359375f), x);
        r = Fma.MultiplyAddNegated(n, Vector256.Create(-2.12194440e-4f), r);
        var p = Vector256.Create(1f / 720);
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1f / 120));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1f / 24));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1f / 6));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(0.5f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1f));
        p = Fma.MultiplyAdd(p, r, Vector256.Create(1f));
        var scale = Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32(n) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }
}
