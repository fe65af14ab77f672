using System.Globalization;
using System.IO.Hashing;
using System.Runtime.CompilerServices;
using System.Text;
using CsCheck;

namespace HftScalper.Properties.Tests.Harness;

/// <summary>
/// Runs a CsCheck property as a seeded, reproducible loop: CI runs a fixed number of iterations from a fixed base
/// seed (derived from the test's name), so a green run stays green and a red one is red on every machine. A failure
/// is handed to CsCheck's <c>Sample</c> with the failing seed, which shrinks it, and reported with the seed to set.
/// </summary>
/// <remarks>
/// Environment (all optional):
/// <list type="bullet">
/// <item><c>HFT_PROPERTY_ITER=N</c>: iterations of every property (default: each property's CI count).</item>
/// <item><c>HFT_PROPERTY_TIME=S</c>: instead, run each property for S seconds.</item>
/// <item><c>HFT_PROPERTY_SEED=n</c>: base seed of the loop (an integer); <c>random</c> picks one (printed on failure);
/// a CsCheck seed string (from a failure message) replays and shrinks exactly that case.</item>
/// </list>
/// CsCheck's own <c>Sample(seed: ...)</c> uses the seed for the first iteration only; the loop here derives every
/// iteration's PCG from the base seed instead, which is what makes the CI run deterministic.
/// </remarks>
internal static class Property
{
    private const int ShrinkIterations = 400;

    /// <summary>Checks <paramref name="assert"/> on <paramref name="ciIterations"/> generated values (or the env's count).</summary>
    public static void Check<T>(Gen<T> gen, Action<T> assert, int ciIterations, Func<T, string>? print = null,
        [CallerMemberName] string name = "")
    {
        string? seedEnv = Environment.GetEnvironmentVariable("HFT_PROPERTY_SEED");
        if (!string.IsNullOrEmpty(seedEnv) && seedEnv != "random" && !ulong.TryParse(seedEnv, NumberStyles.None, CultureInfo.InvariantCulture, out _))
        {
            gen.Sample(assert, seed: seedEnv, iter: ShrinkIterations, threads: 1, print: print);
            return;
        }
        ulong baseSeed = BaseSeed(seedEnv, name);
        long iterations = Iterations(ciIterations);
        double seconds = Seconds();
        long deadline = seconds > 0 ? Environment.TickCount64 + (long)(seconds * 1000) : long.MaxValue;
        var master = new PCG(0, baseSeed);
        for (long i = 0; seconds > 0 ? Environment.TickCount64 < deadline : i < iterations; i++)
        {
            var pcg = new PCG(master.Next(), master.Next64());
            string seed = pcg.ToString();
            T value = gen.Generate(pcg, null!, out _);
            try
            {
                assert(value);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Fail(gen, assert, print, name, baseSeed, i, seed, value, ex);
            }
        }
    }

    /// <summary>Runs <paramref name="assert"/> on the one value a CsCheck <paramref name="seed"/> generates (a seed a
    /// failure reported, kept as a regression test).</summary>
    public static void Replay<T>(Gen<T> gen, Action<T> assert, string seed) => gen.Sample(assert, seed: seed, iter: 1, threads: 1);

    /// <summary>Iterations a property runs: <c>HFT_PROPERTY_ITER</c> or the CI default.</summary>
    public static long Iterations(int ciIterations) =>
        long.TryParse(Environment.GetEnvironmentVariable("HFT_PROPERTY_ITER"), NumberStyles.None, CultureInfo.InvariantCulture, out long n) && n > 0
            ? n : ciIterations;

    private static double Seconds() =>
        double.TryParse(Environment.GetEnvironmentVariable("HFT_PROPERTY_TIME"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) ? s : 0;

    private static ulong BaseSeed(string? env, string name)
    {
        if (env == "random") return (ulong)Random.Shared.NextInt64();
        if (ulong.TryParse(env, NumberStyles.None, CultureInfo.InvariantCulture, out ulong s)) return s;
        return XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(name));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Fail<T>(Gen<T> gen, Action<T> assert, Func<T, string>? print, string name, ulong baseSeed, long i,
        string seed, T value, Exception original)
    {
        string where = $"{name}: failed at iteration {i} of base seed {baseSeed} (HFT_PROPERTY_SEED={seed} replays it)";
        try
        {
            gen.Sample(assert, seed: seed, iter: ShrinkIterations, threads: 1, print: print);
        }
        catch (Exception shrunk)
        {
            throw new PropertyFailedException($"{where}\nshrunk: {shrunk.Message}\noriginal failure: {original.Message}", shrunk.InnerException ?? original);
        }
        // The replay passed: the failure depends on state outside the generated value (a bug in itself).
        string shown = print is null ? Convert.ToString(value, CultureInfo.InvariantCulture) ?? "null" : print(value);
        throw new PropertyFailedException($"{where}\n(not reproducible on replay)\ninput: {shown}", original);
    }
}
