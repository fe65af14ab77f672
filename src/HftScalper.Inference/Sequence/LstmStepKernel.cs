using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using HftScalper.Inference.Compiled;

namespace HftScalper.Inference.Sequence;

/// <summary>
/// The recurrent part of one LSTM step, compiled: the four gates of every hidden unit as one fused matrix-vector
/// product over <c>z = [x; h]</c>, then ONNX Runtime's own activations (<see cref="MlasLogistic"/>,
/// <see cref="MlasTanh"/>) and cell update, so the step equals the ORT graph to float rounding of the sums.
/// <para>
/// Layout (made once at load): hidden units in blocks of 8; for block <c>b</c> and input <c>j</c> of <c>z</c>, 32
/// contiguous floats: the i, o, f and c gate weights of the block's 8 units (ONNX gate order). A block's gates are
/// then 4 AVX2 accumulators fed by one broadcast of <c>z[j]</c> and 4 contiguous loads per <c>j</c>; the x and h
/// parts go to separate accumulators (8 independent FMA chains) and are summed as ORT sums them: each in input order
/// from zero, the recurrent part plus the input projection, plus the bias. The block's activations and cell update
/// run while its gates are still in registers.
/// </para>
/// <para>
/// Where AVX2 and FMA3 are absent (or the hidden size is not a multiple of 8) the scalar path computes the same sums
/// in the same order (fused multiply-adds where FMA3 exists, as MLAS does): on a machine with both, the two paths
/// give identical bits. Allocation-free; not thread-safe (the caller's scratch).
/// </para>
/// </summary>
internal sealed class LstmStepKernel
{
    private const int Block = 8, Gates = 4, Tile = Block * Gates;
    private readonly float[] _packed, _bias;
    private readonly int _inputs, _hidden, _width;

    /// <summary>
    /// Packs ONNX <c>W</c> <c>[4H, F]</c>, <c>R</c> <c>[4H, H]</c> and the summed biases <c>[4H]</c> (gate order
    /// i, o, f, c). <paramref name="vectorised"/> false keeps the scalar path even on an AVX2/FMA3 CPU (tests).
    /// </summary>
    public LstmStepKernel(int inputs, int hidden, float[] w, float[] r, float[] bias, bool vectorised = true)
    {
        _inputs = inputs;
        _hidden = hidden;
        _width = inputs + hidden;
        Vectorised = vectorised && Avx2.IsSupported && Fma.IsSupported && hidden % Block == 0;
        int blocks = (hidden + Block - 1) / Block;
        _packed = new float[blocks * _width * Tile];
        _bias = new float[blocks * Tile];
        for (int u = 0; u < hidden; u++)
        {
            int b = u / Block, lane = u % Block;
            for (int g = 0; g < Gates; g++)
            {
                int row = g * hidden + u, at = g * Block + lane;
                _bias[b * Tile + at] = bias[row];
                for (int j = 0; j < inputs; j++) _packed[(b * _width + j) * Tile + at] = w[row * inputs + j];
                for (int j = 0; j < hidden; j++) _packed[(b * _width + inputs + j) * Tile + at] = r[row * hidden + j];
            }
        }
    }

    /// <summary>Whether <see cref="Step"/> runs the AVX2/FMA3 path.</summary>
    public bool Vectorised { get; }

    /// <summary>Floats of <c>z</c> scratch one step needs (inputs + hidden).</summary>
    public int Width => _width;

    /// <summary>
    /// Advances <paramref name="h"/> and <paramref name="c"/> by the standardised row <paramref name="x"/>;
    /// <paramref name="z"/> is <see cref="Width"/> floats of scratch. Lengths are the caller's to check.
    /// </summary>
    public void Step(ReadOnlySpan<float> x, Span<float> h, Span<float> c, Span<float> z)
    {
        x[.._inputs].CopyTo(z);
        h[.._hidden].CopyTo(z[_inputs..]);
        if (Vectorised) StepAvx2(z, h, c);
        else StepScalar(z, h, c);
    }

    private void StepAvx2(ReadOnlySpan<float> z, Span<float> h, Span<float> c)
    {
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float zr = ref MemoryMarshal.GetReference(z);
        ref float hr = ref MemoryMarshal.GetReference(h);
        ref float cr = ref MemoryMarshal.GetReference(c);
        int width = _width, f = _inputs, both = Math.Min(_inputs, _hidden);
        for (int b = 0; b < _hidden / Block; b++)
        {
            // x·W and h·R in two accumulator sets (8 independent FMA chains), each summed in input order from zero.
            Vector256<float> xi = default, xo = default, xf = default, xg = default;
            Vector256<float> hi = default, ho = default, hf = default, hg = default;
            ref float wx = ref Unsafe.Add(ref w0, b * width * Tile);
            ref float wh = ref Unsafe.Add(ref wx, f * Tile);
            ref float zh = ref Unsafe.Add(ref zr, f);
            int j = 0;
            for (; j < both; j++)
            {
                var za = Vector256.Create(Unsafe.Add(ref zr, j));
                var zb = Vector256.Create(Unsafe.Add(ref zh, j));
                nuint at = (nuint)(j * Tile);
                xi = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at), za, xi);
                xo = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + Block), za, xo);
                xf = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + 2 * Block), za, xf);
                xg = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + 3 * Block), za, xg);
                hi = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at), zb, hi);
                ho = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + Block), zb, ho);
                hf = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + 2 * Block), zb, hf);
                hg = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + 3 * Block), zb, hg);
            }
            for (int k = j; k < f; k++)
            {
                var za = Vector256.Create(Unsafe.Add(ref zr, k));
                nuint at = (nuint)(k * Tile);
                xi = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at), za, xi);
                xo = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + Block), za, xo);
                xf = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + 2 * Block), za, xf);
                xg = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wx, at + 3 * Block), za, xg);
            }
            for (int k = j; k < _hidden; k++)
            {
                var zb = Vector256.Create(Unsafe.Add(ref zh, k));
                nuint at = (nuint)(k * Tile);
                hi = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at), zb, hi);
                ho = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + Block), zb, ho);
                hf = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + 2 * Block), zb, hf);
                hg = Fma.MultiplyAdd(Vector256.LoadUnsafe(ref wh, at + 3 * Block), zb, hg);
            }
            // ORT's order: the recurrent GEMM accumulates onto the input projection (beta 1), then the summed bias.
            nuint tile = (nuint)(b * Tile);
            var ig = MlasLogistic.Evaluate(hi + xi + Vector256.LoadUnsafe(ref b0, tile));
            var og = MlasLogistic.Evaluate(ho + xo + Vector256.LoadUnsafe(ref b0, tile + Block));
            var fg = MlasLogistic.Evaluate(hf + xf + Vector256.LoadUnsafe(ref b0, tile + 2 * Block));
            var cand = MlasTanh.Evaluate(hg + xg + Vector256.LoadUnsafe(ref b0, tile + 3 * Block));
            nuint unit = (nuint)(b * Block);
            // ORT's merge_lstm_gates_to_memory: c_prev·f + i·g, two products then a sum (no FMA).
            var cell = Vector256.LoadUnsafe(ref cr, unit) * fg + ig * cand;
            cell.StoreUnsafe(ref cr, unit);
            (og * MlasTanh.Evaluate(cell)).StoreUnsafe(ref hr, unit);
        }
    }

    /// <summary>
    /// Two steps of two independent states at once (two symbols' decisions in one batch): each weight tile is read
    /// once for both. The sums are those of <see cref="Step"/> in the same order, so each state ends bit-equal to its
    /// own <see cref="Step"/>. <paramref name="z0"/> and <paramref name="z1"/> are <see cref="Width"/> floats of
    /// scratch each; <paramref name="partial"/> is <see cref="PairScratch"/> floats. Lengths are the caller's to check.
    /// </summary>
    public void StepPair(ReadOnlySpan<float> x0, Span<float> h0, Span<float> c0, Span<float> z0,
        ReadOnlySpan<float> x1, Span<float> h1, Span<float> c1, Span<float> z1, Span<float> partial)
    {
        if (!Vectorised)
        {
            Step(x0, h0, c0, z0);
            Step(x1, h1, c1, z1);
            return;
        }
        x0[.._inputs].CopyTo(z0);
        h0[.._hidden].CopyTo(z0[_inputs..]);
        x1[.._inputs].CopyTo(z1);
        h1[.._hidden].CopyTo(z1[_inputs..]);
        StepPairAvx2(z0, h0, c0, z1, h1, c1, partial);
    }

    /// <summary>Floats of scratch <see cref="StepPair"/> needs (one block's input projections of both states).</summary>
    public const int PairScratch = 2 * Tile;

    // Per block: the input projections of both states (8 FMA chains: 4 gates x 2 states, one load of each weight for
    // both), parked in scratch; then the recurrent parts the same way, summed as Step sums them (h·R + x·W + bias).
    private void StepPairAvx2(ReadOnlySpan<float> z0, Span<float> h0, Span<float> c0, ReadOnlySpan<float> z1, Span<float> h1, Span<float> c1, Span<float> partial)
    {
        ref float w0 = ref MemoryMarshal.GetArrayDataReference(_packed);
        ref float b0 = ref MemoryMarshal.GetArrayDataReference(_bias);
        ref float za = ref MemoryMarshal.GetReference(z0);
        ref float zb = ref MemoryMarshal.GetReference(z1);
        ref float p = ref MemoryMarshal.GetReference(partial);
        int width = _width, f = _inputs;
        for (int b = 0; b < _hidden / Block; b++)
        {
            ref float wx = ref Unsafe.Add(ref w0, b * width * Tile);
            Vector256<float> ai = default, ao = default, af = default, ag = default;
            Vector256<float> bi = default, bo = default, bf = default, bg = default;
            for (int j = 0; j < f; j++)
            {
                var sa = Vector256.Create(Unsafe.Add(ref za, j));
                var sb = Vector256.Create(Unsafe.Add(ref zb, j));
                nuint at = (nuint)(j * Tile);
                var wi = Vector256.LoadUnsafe(ref wx, at);
                var wo = Vector256.LoadUnsafe(ref wx, at + Block);
                var wf = Vector256.LoadUnsafe(ref wx, at + 2 * Block);
                var wg = Vector256.LoadUnsafe(ref wx, at + 3 * Block);
                ai = Fma.MultiplyAdd(wi, sa, ai); bi = Fma.MultiplyAdd(wi, sb, bi);
                ao = Fma.MultiplyAdd(wo, sa, ao); bo = Fma.MultiplyAdd(wo, sb, bo);
                af = Fma.MultiplyAdd(wf, sa, af); bf = Fma.MultiplyAdd(wf, sb, bf);
                ag = Fma.MultiplyAdd(wg, sa, ag); bg = Fma.MultiplyAdd(wg, sb, bg);
            }
            ai.StoreUnsafe(ref p, 0); ao.StoreUnsafe(ref p, Block); af.StoreUnsafe(ref p, 2 * Block); ag.StoreUnsafe(ref p, 3 * Block);
            bi.StoreUnsafe(ref p, Tile); bo.StoreUnsafe(ref p, Tile + Block); bf.StoreUnsafe(ref p, Tile + 2 * Block); bg.StoreUnsafe(ref p, Tile + 3 * Block);
            ai = ao = af = ag = bi = bo = bf = bg = default;
            ref float wh = ref Unsafe.Add(ref wx, f * Tile);
            for (int j = 0; j < _hidden; j++)
            {
                var sa = Vector256.Create(Unsafe.Add(ref za, f + j));
                var sb = Vector256.Create(Unsafe.Add(ref zb, f + j));
                nuint at = (nuint)(j * Tile);
                var wi = Vector256.LoadUnsafe(ref wh, at);
                var wo = Vector256.LoadUnsafe(ref wh, at + Block);
                var wf = Vector256.LoadUnsafe(ref wh, at + 2 * Block);
                var wg = Vector256.LoadUnsafe(ref wh, at + 3 * Block);
                ai = Fma.MultiplyAdd(wi, sa, ai); bi = Fma.MultiplyAdd(wi, sb, bi);
                ao = Fma.MultiplyAdd(wo, sa, ao); bo = Fma.MultiplyAdd(wo, sb, bo);
                af = Fma.MultiplyAdd(wf, sa, af); bf = Fma.MultiplyAdd(wf, sb, bf);
                ag = Fma.MultiplyAdd(wg, sa, ag); bg = Fma.MultiplyAdd(wg, sb, bg);
            }
            nuint tile = (nuint)(b * Tile), unit = (nuint)(b * Block);
            Finish(ai, ao, af, ag, ref p, 0, ref b0, tile, c0, h0, unit);
            Finish(bi, bo, bf, bg, ref p, Tile, ref b0, tile, c1, h1, unit);
        }
    }

    // The gates of one block of one state: recurrent part + input projection + bias, activations and cell update (as StepAvx2).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(Vector256<float> hi, Vector256<float> ho, Vector256<float> hf, Vector256<float> hg, ref float p, nuint at,
        ref float b0, nuint tile, Span<float> c, Span<float> h, nuint unit)
    {
        var ig = MlasLogistic.Evaluate(hi + Vector256.LoadUnsafe(ref p, at) + Vector256.LoadUnsafe(ref b0, tile));
        var og = MlasLogistic.Evaluate(ho + Vector256.LoadUnsafe(ref p, at + Block) + Vector256.LoadUnsafe(ref b0, tile + Block));
        var fg = MlasLogistic.Evaluate(hf + Vector256.LoadUnsafe(ref p, at + 2 * Block) + Vector256.LoadUnsafe(ref b0, tile + 2 * Block));
        var cand = MlasTanh.Evaluate(hg + Vector256.LoadUnsafe(ref p, at + 3 * Block) + Vector256.LoadUnsafe(ref b0, tile + 3 * Block));
        ref float cr = ref MemoryMarshal.GetReference(c);
        var cell = Vector256.LoadUnsafe(ref cr, unit) * fg + ig * cand;
        cell.StoreUnsafe(ref cr, unit);
        (og * MlasTanh.Evaluate(cell)).StoreUnsafe(ref MemoryMarshal.GetReference(h), unit);
    }

    private void StepScalar(ReadOnlySpan<float> z, Span<float> h, Span<float> c)
    {
        int width = _width, f = _inputs;
        Span<float> gate = stackalloc float[Gates];
        for (int u = 0; u < _hidden; u++)
        {
            int b = u / Block, lane = u % Block;
            for (int g = 0; g < Gates; g++)
            {
                int at = g * Block + lane, start = b * width * Tile + at;
                float x = 0f, r = 0f;
                for (int j = 0; j < f; j++) x = MultiplyAdd(_packed[start + j * Tile], z[j], x);
                for (int j = f; j < width; j++) r = MultiplyAdd(_packed[start + j * Tile], z[j], r);
                gate[g] = r + x + _bias[b * Tile + at];
            }
            float i = MlasLogistic.Evaluate(gate[0]), o = MlasLogistic.Evaluate(gate[1]), fg = MlasLogistic.Evaluate(gate[2]);
            float cand = MlasTanh.Evaluate(gate[3]);
            float cell = c[u] * fg + i * cand;
            c[u] = cell;
            h[u] = o * MlasTanh.Evaluate(cell);
        }
    }

    // a·b + c rounded once where the CPU has FMA3 (bit-equal to the vector path), twice elsewhere (as MLAS's SSE path).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float MultiplyAdd(float a, float b, float c) => Fma.IsSupported ? MathF.FusedMultiplyAdd(a, b, c) : a * b + c;
}
