using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Features.Engine;

/// <summary>Whether a feature row holds only finite values, 16 (or 8) floats at a time.</summary>
internal static class FiniteRow
{
    private const uint ExponentBits = 0x7F80_0000; // all set: infinity or NaN

    /// <summary>True when no value of <paramref name="row"/> is NaN or infinite (what <see cref="float.IsFinite"/>
    /// says of each).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(ReadOnlySpan<float> row)
    {
        ref uint bits = ref Unsafe.As<float, uint>(ref MemoryMarshal.GetReference(row));
        int n = row.Length, i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var e = Vector512.Create(ExponentBits);
            for (; i + Vector512<uint>.Count <= n; i += Vector512<uint>.Count)
                if (Vector512.EqualsAny(Vector512.LoadUnsafe(ref bits, (nuint)i) & e, e)) return false;
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var e = Vector256.Create(ExponentBits);
            for (; i + Vector256<uint>.Count <= n; i += Vector256<uint>.Count)
                if (Vector256.EqualsAny(Vector256.LoadUnsafe(ref bits, (nuint)i) & e, e)) return false;
        }
        for (; i < n; i++)
            if ((Unsafe.Add(ref bits, i) & ExponentBits) == ExponentBits) return false;
        return true;
    }
}
