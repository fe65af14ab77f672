using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace HftScalper.Inference.Compiled;

/// <summary>
/// tanh as ONNX Runtime's CPU kernels compute it (MLAS <c>MlasComputeTanh</c>, which the LSTM's gate and cell
/// activations call: input clamped to ±9, the Eigen rational polynomial of degree 13/6; fused multiply-adds where the
/// CPU has FMA3, as MLAS's x64 kernel uses), so a compiled LSTM step gives the ORT graph's outputs instead of drifting
/// by an ulp per activation as <see cref="MathF.Tanh"/> does. <see cref="Evaluate(Vector256{float})"/> is the same
/// arithmetic eight lanes wide (bit-equal lane for lane).
/// </summary>
internal static class MlasTanh
{
    private const float Alpha13 = -2.76076847742355e-16f, Alpha11 = 2.00018790482477e-13f, Alpha9 = -8.60467152213735e-11f,
        Alpha7 = 5.12229709037114e-08f, Alpha5 = 1.48572235717979e-05f, Alpha3 = 6.37261928875436e-04f, Alpha1 = 4.89352455891786e-03f;
    private const float Beta6 = 1.19825839466702e-06f, Beta4 = 1.18534705686654e-04f, Beta2 = 2.26843463243900e-03f,
        Beta0 = 4.89352518554385e-03f;

    /// <summary>tanh(x); NaN stays NaN.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Evaluate(float x)
    {
        float v = x < -9f ? -9f : x;
        v = v > 9f ? 9f : v;
        float v2 = v * v;
        float p, q;
        if (Fma.IsSupported)
        {
            p = MathF.FusedMultiplyAdd(v2, Alpha13, Alpha11);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha9);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha7);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha5);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha3);
            p = MathF.FusedMultiplyAdd(p, v2, Alpha1);
            q = MathF.FusedMultiplyAdd(v2, Beta6, Beta4);
            q = MathF.FusedMultiplyAdd(q, v2, Beta2);
            q = MathF.FusedMultiplyAdd(q, v2, Beta0);
        }
        else
        {
            p = v2 * Alpha13 + Alpha11;
            p = p * v2 + Alpha9;
            p = p * v2 + Alpha7;
            p = p * v2 + Alpha5;
            p = p * v2 + Alpha3;
            p = p * v2 + Alpha1;
            q = v2 * Beta6 + Beta4;
            q = q * v2 + Beta2;
            q = q * v2 + Beta0;
        }
        return p * v / q;
    }

    /// <summary>Eight lanes of <see cref="Evaluate(float)"/> (the caller checks <see cref="Fma.IsSupported"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Evaluate(Vector256<float> x)
    {
        var v = Avx.Min(Vector256.Create(9f), Avx.Max(Vector256.Create(-9f), x));
        var v2 = v * v;
        var p = Fma.MultiplyAdd(v2, Vector256.Create(Alpha13), Vector256.Create(Alpha11));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha9));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha7));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha5));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha3));
        p = Fma.MultiplyAdd(p, v2, Vector256.Create(Alpha1));
        var q = Fma.MultiplyAdd(v2, Vector256.Create(Beta6), Vector256.Create(Beta4));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta2));
        q = Fma.MultiplyAdd(q, v2, Vector256.Create(Beta0));
        return p * v / q;
    }
}
