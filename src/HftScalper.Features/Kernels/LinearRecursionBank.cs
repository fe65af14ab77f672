using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Features.Kernels;

/// <summary>
/// A bank of streaming linear filters <c>s = a*s + b*x + c</c> updated together in SIMD lanes: EMAs (MACD at
/// several timeframes), Wilder smoothing (RSI, ADX), decayed sums (order-flow imbalance, VWAP numerator and
/// denominator) and the GARCH(1,1) variance recursion (<c>a = beta, b = alpha, c = omega, x = r^2</c>) are all this
/// one recursion with different coefficients, so one vector pass updates dozens of indicators per input.
/// </summary>
/// <remarks>
/// <para>Lanes live in pinned arrays padded to a multiple of 8 (one <see cref="Vector512{T}"/> of doubles); padding
/// lanes have all coefficients 0 and stay 0. State is <c>double</c>: long EMAs in <c>float</c> lose digits.</para>
/// <para>The vector path computes <c>(a*s + b*x) + c</c> with separate multiplies and adds, never a fused
/// multiply-add, in exactly the scalar order, so it is bit-for-bit equal to <see cref="UpdateScalar"/> (tested).
/// That equality is what lets training, backtest and live agree on every feature whatever the CPU.</para>
/// <para>Updates allocate nothing and take no lock; the bank is single-threaded (one per feature stage).</para>
/// </remarks>
internal sealed class LinearRecursionBank
{
    private const int Pad = 8;
    private readonly double[] _a, _b, _c, _s;

    /// <summary>Creates a bank of <paramref name="lanes"/> filters, all coefficients and states 0.</summary>
    public LinearRecursionBank(int lanes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lanes);
        Lanes = lanes;
        Capacity = (lanes + Pad - 1) / Pad * Pad;
        _a = GC.AllocateArray<double>(Capacity, pinned: true);
        _b = GC.AllocateArray<double>(Capacity, pinned: true);
        _c = GC.AllocateArray<double>(Capacity, pinned: true);
        _s = GC.AllocateArray<double>(Capacity, pinned: true);
    }

    /// <summary>Number of filters.</summary>
    public int Lanes { get; }

    /// <summary>Lanes rounded up to the vector width (the length of an input span for <see cref="Update"/>).</summary>
    public int Capacity { get; }

    /// <summary>Current filter states (first <see cref="Lanes"/> entries are meaningful).</summary>
    public ReadOnlySpan<double> State => _s.AsSpan(0, Lanes);

    /// <summary>The state of one filter.</summary>
    public double this[int lane] => _s[lane];

    /// <summary>Sets one filter's coefficients and state.</summary>
    public void Configure(int lane, double a, double b, double c = 0, double initial = 0)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)lane, (uint)Lanes, nameof(lane));
        _a[lane] = a;
        _b[lane] = b;
        _c[lane] = c;
        _s[lane] = initial;
    }

    /// <summary>Configures an exponential moving average over <paramref name="periods"/> inputs (alpha = 2/(n+1)).</summary>
    public void ConfigureEma(int lane, double periods, double initial = 0)
    {
        double alpha = 2.0 / (periods + 1.0);
        Configure(lane, 1.0 - alpha, alpha, 0, initial);
    }

    /// <summary>Configures Wilder's smoothing over <paramref name="periods"/> inputs (alpha = 1/n), as in RSI and ADX.</summary>
    public void ConfigureWilder(int lane, double periods, double initial = 0) =>
        Configure(lane, (periods - 1.0) / periods, 1.0 / periods, 0, initial);

    /// <summary>Overwrites one filter's state (warm-up seeding, resets) keeping its coefficients.</summary>
    public void SetState(int lane, double value)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)lane, (uint)Lanes, nameof(lane));
        _s[lane] = value;
    }

    /// <summary>Overwrites one filter's decay coefficient <c>a</c> (time-decayed filters on irregular clocks).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetDecay(int lane, double a) => _a[lane] = a;

    /// <summary>Overwrites one filter's <c>a</c> and <c>b</c> (e.g. running-mean seeding during warm-up).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void SetCoefficients(int lane, double a, double b)
    {
        _a[lane] = a;
        _b[lane] = b;
    }

    /// <summary>
    /// Updates every filter with its own input: <c>s[i] = a[i]*s[i] + b[i]*x[i] + c[i]</c>.
    /// <paramref name="inputs"/> must hold at least <see cref="Capacity"/> values (padding lanes may hold anything).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Update(ReadOnlySpan<double> inputs)
    {
        if (inputs.Length < Capacity) ThrowInputsTooShort();
        ref double x = ref MemoryMarshal.GetReference(inputs);
        ref double a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref double c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        nuint n = (nuint)Capacity;
        if (Vector512.IsHardwareAccelerated)
        {
            for (nuint i = 0; i < n; i += 8)
            {
                var r = Vector512.Add(Vector512.Add(
                        Vector512.Multiply(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref s, i)),
                        Vector512.Multiply(Vector512.LoadUnsafe(ref b, i), Vector512.LoadUnsafe(ref x, i))),
                    Vector512.LoadUnsafe(ref c, i));
                r.StoreUnsafe(ref s, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (nuint i = 0; i < n; i += 4)
            {
                var r = Vector256.Add(Vector256.Add(
                        Vector256.Multiply(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref s, i)),
                        Vector256.Multiply(Vector256.LoadUnsafe(ref b, i), Vector256.LoadUnsafe(ref x, i))),
                    Vector256.LoadUnsafe(ref c, i));
                r.StoreUnsafe(ref s, i);
            }
        }
        else
        {
            UpdateScalar(inputs);
        }
    }

    /// <summary>Updates every filter with the same input <paramref name="x"/> (e.g. all EMAs of one price).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void UpdateBroadcast(double x)
    {
        ref double a = ref MemoryMarshal.GetArrayDataReference(_a);
        ref double b = ref MemoryMarshal.GetArrayDataReference(_b);
        ref double c = ref MemoryMarshal.GetArrayDataReference(_c);
        ref double s = ref MemoryMarshal.GetArrayDataReference(_s);
        nuint n = (nuint)Capacity;
        if (Vector512.IsHardwareAccelerated)
        {
            var vx = Vector512.Create(x);
            for (nuint i = 0; i < n; i += 8)
            {
                var r = Vector512.Add(Vector512.Add(
                        Vector512.Multiply(Vector512.LoadUnsafe(ref a, i), Vector512.LoadUnsafe(ref s, i)),
                        Vector512.Multiply(Vector512.LoadUnsafe(ref b, i), vx)),
                    Vector512.LoadUnsafe(ref c, i));
                r.StoreUnsafe(ref s, i);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var vx = Vector256.Create(x);
            for (nuint i = 0; i < n; i += 4)
            {
                var r = Vector256.Add(Vector256.Add(
                        Vector256.Multiply(Vector256.LoadUnsafe(ref a, i), Vector256.LoadUnsafe(ref s, i)),
                        Vector256.Multiply(Vector256.LoadUnsafe(ref b, i), vx)),
                    Vector256.LoadUnsafe(ref c, i));
                r.StoreUnsafe(ref s, i);
            }
        }
        else
        {
            for (int i = 0; i < Capacity; i++) _s[i] = _a[i] * _s[i] + _b[i] * x + _c[i];
        }
    }

    /// <summary>The scalar reference of <see cref="Update"/>: same operations in the same order, one lane at a time.
    /// Used where no vector unit exists and by tests as the definition of the bank.</summary>
    public void UpdateScalar(ReadOnlySpan<double> inputs)
    {
        if (inputs.Length < Capacity) ThrowInputsTooShort();
        for (int i = 0; i < Capacity; i++) _s[i] = _a[i] * _s[i] + _b[i] * inputs[i] + _c[i];
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void ThrowInputsTooShort() =>
        throw new ArgumentException($"inputs must hold at least Capacity={Capacity} values", "inputs");
}
