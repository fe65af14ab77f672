using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace HftScalper.Features.Technical;

/// <summary>
/// A rolling volume profile: traded volume per price bucket, exponentially decayed in exchange time, and its point of
/// control (the bucket holding the most decayed volume).
/// </summary>
/// <remarks>
/// Buckets are <c>bucketBps</c> of the first trade's price p0 wide, keyed by <c>floor(price / p0 * 1e4 / bucketBps)</c>:
/// the price ratio is computed first, so one market quoted in other units (prices x10) gets the same keys bit for
/// bit (no width rounded to a price unit), into 64 slots (a slot met by
/// a different key is reset: volume more than 64 buckets away is forgotten). Decay is lazy: volume is stored scaled
/// by <c>exp((t - t0) / tau)</c>, which leaves the argmax unchanged, and rescaled once the scale passes e^40, so a
/// trade costs O(1) and no per-bucket multiply. Allocation-free; deterministic (one rescale rule, event order only).
/// </remarks>
internal sealed class VolumeProfile
{
    /// <summary>Number of bucket slots.</summary>
    public const int Slots = 64;

    private readonly double _tauNs;
    private readonly double[] _volume = new double[Slots];
    private readonly long[] _key = new long[Slots];
    private long _originPrice;
    private double _bucketsPerUnit;
    private long _originNs = long.MinValue;
    private long _version;                      // bumped by every change of the volumes or keys
    private long _cachedVersion = -1;           // the last answer, valid while neither the version nor the centre moved
    private long _cachedCenter;
    private long _cachedKey = long.MinValue;

    /// <summary>Creates a profile decaying with time constant <paramref name="tauSeconds"/>.</summary>
    public VolumeProfile(double tauSeconds)
    {
        if (!(tauSeconds > 0)) throw new ArgumentOutOfRangeException(nameof(tauSeconds));
        _tauNs = tauSeconds * 1e9;
        Array.Fill(_key, long.MinValue);
    }

    /// <summary>Bucket width in price units (0 until the first trade fixes it).</summary>
    public double BucketWidth => _originPrice > 0 ? _originPrice / _bucketsPerUnit : 0;

    /// <summary>Folds a trade of <paramref name="quantity"/> at <paramref name="price"/> (price units) at <paramref name="timeNs"/>.
    /// The bucket width is fixed at the first trade as <paramref name="bucketBps"/> of its price.</summary>
    public void Add(long price, double quantity, long timeNs, double bucketBps)
    {
        if (price <= 0 || !(quantity > 0)) return;
        if (_originPrice == 0)
        {
            _originPrice = price;
            _bucketsPerUnit = 1e4 / bucketBps;
            _originNs = timeNs;
        }
        if (timeNs < _originNs) timeNs = _originNs; // out-of-order venue times fold at the origin
        double exponent = (timeNs - _originNs) / _tauNs;
        if (exponent > 40) Rescale(timeNs, ref exponent);
        long k = Key(price);
        int slot = (int)(k & (Slots - 1));
        if (_key[slot] != k)
        {
            if (_key[slot] == _cachedKey) _cachedVersion = -1; // the answer's bucket is evicted: scan again
            _key[slot] = k;
            _volume[slot] = 0;
        }
        _volume[slot] += quantity * Math.Exp(exponent);
        bool answered = _cachedVersion == _version; // false after a rescale (it moved the version) or an eviction
        _version++;
        if (!answered) return;
        // One bucket's volume grew and no other changed: the point of control is the old one or this bucket (the same
        // rule as the scan: more volume, or as much at a lower key), so the answer stays current without a scan.
        double v = _volume[slot];
        if (v > 0 && Near(k, _cachedCenter)
            && (_cachedKey == long.MinValue || v > _volume[(int)(_cachedKey & (Slots - 1))]
                || (v == _volume[(int)(_cachedKey & (Slots - 1))] && k < _cachedKey)))
            _cachedKey = k;
        _cachedVersion = _version;
    }

    /// <summary>Centre price (price units) of the bucket with the most decayed volume within 32 buckets of
    /// <paramref name="price"/>; false when there is none. Decisions mostly ask for the same bucket: the last answer is
    /// kept while the price stays in its bucket, and a trade updates it in O(1) (<see cref="Add"/>); a move to another
    /// bucket, a rescale or the eviction of the answer's bucket scans the slots again.</summary>
    public bool TryGetPointOfControl(double price, out double pocPrice)
    {
        pocPrice = 0;
        if (_originPrice == 0) return false;
        long center = Key(price);
        if (_cachedVersion != _version || _cachedCenter != center)
        {
            _cachedKey = Scan(center);
            _cachedCenter = center;
            _cachedVersion = _version;
        }
        if (_cachedKey == long.MinValue) return false;
        pocPrice = (_cachedKey + 0.5) / _bucketsPerUnit * _originPrice;
        return true;
    }

    /// <summary>Whether the next question for <paramref name="center"/> is answered without a scan (tests).</summary>
    internal bool CachedFor(long center) => _cachedVersion == _version && _cachedCenter == center;

    // The key of the bucket with the most volume within 32 buckets of `center` (the lowest key on a tie); MinValue if none.
    // Vectorised where 512-bit vectors run in hardware (8 slots a step): asked at every decision after a trade, for three
    // profiles, the slot loop was the profile's cost. Same answer as ScanScalar, the definition (VolumeProfileScanTests).
    private long Scan(long center) => Vector512.IsHardwareAccelerated ? ScanVector(center) : ScanScalar(center);

    /// <summary>The definition: the slot with the most volume (&gt; 0, not NaN) among the keys within 32 buckets of
    /// <paramref name="center"/>, the lowest key on a tie; <see cref="long.MinValue"/> when there is none.</summary>
    internal long ScanScalar(long center)
    {
        double best = 0;
        long bestKey = long.MinValue;
        for (int i = 0; i < Slots; i++)
        {
            long k = _key[i];
            if (k == long.MinValue || !Near(k, center)) continue;
            double v = _volume[i];
            if (v > best || (v == best && v > 0 && k < bestKey)) { best = v; bestKey = k; }
        }
        return bestKey;
    }

    /// <summary><see cref="ScanScalar"/> 8 slots at a time: each lane keeps the scalar rule's winner of the slots it
    /// sees (the largest volume, the lower key on a tie), then the 8 lane winners meet under the same rule. A candidate
    /// is a used slot near the centre whose volume is &gt; 0 (NaN never is), as in the scalar loop.</summary>
    internal long ScanVector(long center)
    {
        ref long keys = ref MemoryMarshal.GetArrayDataReference(_key);
        ref double vols = ref MemoryMarshal.GetArrayDataReference(_volume);
        var lowEdge = Vector512.Create(center - Slots / 2);
        var span = Vector512.Create((ulong)Slots);
        var unused = Vector512.Create(long.MinValue);
        var bestV = Vector512<double>.Zero;
        var bestK = Vector512.Create(long.MaxValue);
        for (int i = 0; i < Slots; i += Vector512<long>.Count)
        {
            var k = Vector512.LoadUnsafe(ref keys, (nuint)i);
            var v = Vector512.LoadUnsafe(ref vols, (nuint)i);
            var candidate = ~Vector512.Equals(k, unused)
                & Vector512.LessThanOrEqual((k - lowEdge).AsUInt64(), span).AsInt64()
                & Vector512.GreaterThan(v, Vector512<double>.Zero).AsInt64();
            var wins = candidate & (Vector512.GreaterThan(v, bestV).AsInt64()
                | (Vector512.Equals(v, bestV).AsInt64() & Vector512.LessThan(k, bestK)));
            bestV = Vector512.ConditionalSelect(wins.AsDouble(), v, bestV);
            bestK = Vector512.ConditionalSelect(wins, k, bestK);
        }
        Span<double> lv = stackalloc double[Vector512<double>.Count];
        Span<long> lk = stackalloc long[Vector512<long>.Count];
        bestV.CopyTo(lv);
        bestK.CopyTo(lk);
        double best = 0;
        long bestKey = long.MinValue;
        for (int j = 0; j < lv.Length; j++)
        {
            double v = lv[j];
            if (v > best || (v == best && v > 0 && lk[j] < bestKey)) { best = v; bestKey = lk[j]; }
        }
        return bestKey;
    }

    // |k - center| <= 32 with the subtraction wrapping (what the vector path computes), never an overflow exception.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Near(long k, long center) => unchecked((ulong)(k - (center - Slots / 2))) <= Slots;

    private long Key(double price) => (long)Math.Floor(price / _originPrice * _bucketsPerUnit);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Rescale(long timeNs, ref double exponent)
    {
        double f = Math.Exp(-exponent);
        for (int i = 0; i < Slots; i++) _volume[i] *= f;
        _version++;
        _originNs = timeNs;
        exponent = 0;
    }
}
