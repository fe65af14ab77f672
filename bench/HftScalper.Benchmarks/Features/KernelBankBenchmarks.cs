using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using HftScalper.Features.Kernels;

namespace HftScalper.Benchmarks.Features;

/// <summary>
/// One update of 64 streaming filters <c>s = a*s + b*x + c</c> (a realistic bank: EMAs at 1m/5m/15m for MACD,
/// Wilder for RSI/ADX, decayed flow sums, GARCH): the SIMD bank vs the scalar loop vs TensorPrimitives.
/// </summary>
[MemoryDiagnoser]
public class KernelBankBenchmarks
{
    private const int Lanes = 64;
    private const int Steps = 1024;
    private LinearRecursionBank _bank = null!;
    private double[] _a = null!, _b = null!, _c = null!, _s = null!, _tmp = null!;
    private double[][] _inputs = null!;

    /// <summary>Builds identical coefficients for the three implementations.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _bank = new LinearRecursionBank(Lanes);
        _a = new double[Lanes]; _b = new double[Lanes]; _c = new double[Lanes]; _s = new double[Lanes]; _tmp = new double[Lanes];
        for (int i = 0; i < Lanes; i++)
        {
            _a[i] = rng.NextDouble(); _b[i] = 1 - _a[i]; _c[i] = 0;
            _bank.Configure(i, _a[i], _b[i], _c[i]);
        }
        _inputs = new double[Steps][];
        for (int k = 0; k < Steps; k++)
        {
            _inputs[k] = new double[_bank.Capacity];
            for (int i = 0; i < Lanes; i++) _inputs[k][i] = rng.NextDouble() * 100;
        }
        // Correctness before timing: the bank equals the scalar loop after the same inputs.
        ScalarLoop();
        SimdBank();
        for (int i = 0; i < Lanes; i++)
            if (_bank[i] != _s[i]) throw new InvalidOperationException($"bank lane {i} differs from scalar");
    }

    /// <summary>The plain loop a developer would write.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    public double ScalarLoop()
    {
        for (int k = 0; k < Steps; k++)
        {
            var x = _inputs[k];
            for (int i = 0; i < Lanes; i++) _s[i] = _a[i] * _s[i] + _b[i] * x[i] + _c[i];
        }
        return _s[0];
    }

    /// <summary>Our bank: one Vector512 (or Vector256) pass per update.</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double SimdBank()
    {
        for (int k = 0; k < Steps; k++) _bank.Update(_inputs[k]);
        return _bank[0];
    }

    /// <summary>System.Numerics.Tensors: three vectorised passes (multiply, multiply-add, add).</summary>
    [Benchmark(OperationsPerInvoke = Steps)]
    public double TensorPrimitivesPasses()
    {
        for (int k = 0; k < Steps; k++)
        {
            var x = _inputs[k].AsSpan(0, Lanes);
            TensorPrimitives.Multiply(_a, _s, _tmp);
            TensorPrimitives.MultiplyAdd(_b, x, _tmp, _tmp);
            TensorPrimitives.Add(_tmp, _c, _s);
        }
        return _s[0];
    }
}
