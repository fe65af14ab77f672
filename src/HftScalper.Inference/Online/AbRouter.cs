using System.Runtime.CompilerServices;

namespace HftScalper.Inference.Online;

/// <summary>
/// Deterministic A/B routing: a decision goes to the candidate when a seeded hash (SplitMix64 finaliser) of its symbol
/// id or of its decision sequence number, as a fraction of 2^64, is below <see cref="Fraction"/>. The same seed, split
/// and inputs route the same way in every run and on every machine; no state, no allocation, any thread.
/// </summary>
public sealed class AbRouter
{
    private readonly ulong _threshold;
    private readonly bool _all;

    /// <summary>Routes <paramref name="fraction"/> (in [0, 1]) of symbols or decisions (<paramref name="split"/>) to the candidate.</summary>
    public AbRouter(double fraction, AbSplit split = AbSplit.Symbol, ulong seed = 0)
    {
        if (!(fraction >= 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "the A/B fraction must be in [0, 1]");
        if (!Enum.IsDefined(split)) throw new ArgumentOutOfRangeException(nameof(split), split, "unknown split");
        Fraction = fraction;
        Split = split;
        Seed = seed;
        _all = fraction >= 1;
        _threshold = (ulong)(fraction * 18446744073709551616.0); // fraction of 2^64 (fraction < 1 here, so it fits)
    }

    /// <summary>Share routed to the candidate.</summary>
    public double Fraction { get; }

    /// <summary>What is hashed.</summary>
    public AbSplit Split { get; }

    /// <summary>The hash seed.</summary>
    public ulong Seed { get; }

    /// <summary>The arm of decision <paramref name="decision"/> of symbol <paramref name="symbolId"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public AbArm Route(long decision, int symbolId)
    {
        if (_all) return AbArm.Candidate;
        ulong key = Split == AbSplit.Symbol ? (ulong)(uint)symbolId : (ulong)decision;
        return Mix(key ^ Seed) < _threshold ? AbArm.Candidate : AbArm.Live;
    }

    // SplitMix64's finaliser: a bijection whose output bits each depend on every input bit.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
