using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// The logistic function as ONNX Runtime's CPU <c>Sigmoid</c> computes it (MLAS: input clamped to ±18, a rational
/// polynomial, the Eigen coefficients; fused multiply-adds where the CPU has FMA3, as MLAS's x64 kernel uses), so a
/// compiled graph gives the same probabilities as the ORT graph, bit for bit on the machines we measured, instead of
/// differing by an ulp as <c>1/(1+e^-x)</c> does. <see cref="Evaluate(Vector256{float})"/> is the same arithmetic
/// eight lanes wide (bit-equal lane for lane).
/// </summary>
internal static class MlasLogistic
{
    private const float Alpha9 = 4.37031012579801e-11f, Alpha7 = 1.15627324459942e-07f, Alpha5 = 6.08574864600143e-05f,
        Alpha3 = 8.51377133304701e-03f, Alpha1 = 2.48287947061529e-01f;
    private const float Beta10 = 6.10247389755681e-13f, Beta8 = 5.76102136993427e-09f, Beta6 = 6.29106785017040e-06f,
        Beta4 = 1.70198817374094e-03f, Beta2 = 1.16817656904453e-01f, Beta0 = 9.93151921023180e-01f;

    /// <summary>σ(x); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Evaluate(float x)
    {
        float v = x < -18f ? -18f : x;
        v = v > 18f ? 18f : v;
        float v2 = v * v;
        float p, q;
        if (Fma.IsSupported)
        {
            p = MathF.FusedMultiplyAdd(v2, Alpha9, Alpha7);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha5);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha3);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha1);
            p *= v;
            q = MathF.FusedMultiplyAdd(v2, Beta10, Beta8);
            q = MathF.FusedMultiplyAdd(q, v2, Beta6);
            q = MathF.FusedMultiplyAdd(q, v2, Beta4);
            q = MathF.FusedMultiplyAdd(q, v2, Beta2);
            q = MathF.FusedMultiplyAdd(q, v2, Beta0);
        }
        else
        {
            p = v2 * Alpha9 + Alpha7;
            p = p * v2 + Alpha5;
            p = p * v2 + Alpha3;
            p = p * v2 + Alpha1;
            p *= v;
            q = v2 * Beta10 + Beta8;
            q = q * v2 + Beta6;
            q = q * v2 + Beta4;
            q = q * v2 + Beta2;
            q = q * v2 + Beta0;
        }
        float r = p / q + 0.5f;
        return r < 0f ? 0f : r > 1f ? 1f : r;
    }

    /// <summary>Eight lanes of <see cref="Evaluate(float)"/> (the caller checks <see cref="Fma.IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Evaluate(Vector256<float> x)
    {
        var v = Avx.Min(Vector256.Create(18f), Avx.Max(Vector256.Create(-18f), x));
        var v2 = v * v;
        var p = Fma.MultiplyAdd(v2, Vector256.Create(Alpha9), Vector256.Create(Alpha7));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha5));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha3));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha1));
        p *= v;
        var q = Fma.MultiplyAdd(v2, Vector256.Create(Beta10), Vector256.Create(Beta8));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta6));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta4));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta2));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta0));
        var r = p / q + Vector256.Create(0.5f);
        return Avx.Min(Vector256.Create(1f), Avx.Max(Vector256<float>.Zero, r));
    }
}
