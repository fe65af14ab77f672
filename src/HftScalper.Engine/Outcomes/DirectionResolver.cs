using System.Numerics;
using System.Runtime.CompilerServices;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Outcomes;

/// <summary>
/// Labels the realised direction of decisions of ONE symbol at several horizons, online, in one forward pass:
/// decisions wait in a ring; each horizon has a read pointer (the two-pointer pass: decisions in time order, mids
/// in time order). The label of a decision at time t for horizon h uses the mid of the latest observation at or
/// before t + h, so it is final only once an observation strictly after t + h arrives — never any look-ahead past
/// the horizon. Decisions whose horizon reaches beyond the last observation stay unresolved (not scored).
/// <para>Order of calls: <see cref="Observe{TSink}"/> the decision's own mid, then <see cref="Enqueue"/> it.
/// Zero allocation; deterministic; one thread.</para>
/// </summary>
public sealed class DirectionResolver
{
    private readonly long[] _horizonsNs;
    private readonly long[] _next;
    private readonly PendingDecision[] _ring;
    private readonly long _mask;
    private readonly double _thresholdTicks;
    private readonly double _thresholdFraction;
    private long _head;
    private long _lastTimeNs = long.MinValue;
    private double _lastMid;
    private long _dropped;

    /// <summary>Creates a resolver.</summary>
    /// <param name="horizonsNs">Horizons in ns, strictly ascending, positive.</param>
    /// <param name="thresholdTicks">Moves strictly larger than this (ticks, &gt;= 0) count as Up or Down.</param>
    /// <param name="capacity">Decisions that can wait at once (rounded up to a power of two); more are dropped.</param>
    /// <param name="thresholdBps">When above 0, moves strictly larger than this many basis points of the decision's mid
    /// count as Up or Down instead (relative threshold; <paramref name="thresholdTicks"/> is then ignored).</param>
    public DirectionResolver(ReadOnlySpan<long> horizonsNs, double thresholdTicks, int capacity = 1 << 16, double thresholdBps = 0)
    {
        if (horizonsNs.IsEmpty) throw new ArgumentException("At least one horizon is needed.", nameof(horizonsNs));
        for (int i = 0; i < horizonsNs.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(horizonsNs[i], 1L, nameof(horizonsNs));
            if (i > 0 && horizonsNs[i] <= horizonsNs[i - 1])
                throw new ArgumentException("Horizons must be strictly ascending.", nameof(horizonsNs));
        }

        if (!(thresholdTicks >= 0) || double.IsInfinity(thresholdTicks))
            throw new ArgumentOutOfRangeException(nameof(thresholdTicks), "Must be finite and >= 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _horizonsNs = horizonsNs.ToArray();
        _next = new long[horizonsNs.Length];
        // Pages mapped now (a few MB at the default capacity, allocated at a symbol's first decision): written one
        // decision after another, a fresh ring would otherwise take a page fault on the decision path every 102
        // decisions for its whole first lap (the largest kernel cost of a replay's steady state, bench/README Session 18).
        _ring = PinnedSlots.Allocate<PendingDecision>((int)BitOperations.RoundUpToPowerOf2((uint)capacity));
        _mask = _ring.Length - 1;
        _thresholdTicks = thresholdTicks;
        _thresholdFraction = thresholdBps > 0 && !double.IsInfinity(thresholdBps) ? thresholdBps * 1e-4 : 0;
    }

    /// <summary>Number of horizons.</summary>
    public int HorizonCount => _horizonsNs.Length;

    /// <summary>Decisions enqueued (not counting dropped ones).</summary>
    public long Enqueued => _head;

    /// <summary>Decisions dropped because the ring was full (raise the capacity).</summary>
    public long Dropped => _dropped;

    /// <summary>Decisions still waiting for horizon <paramref name="horizonIndex"/>.</summary>
    public long Unresolved(int horizonIndex) => _head - _next[horizonIndex];

    /// <summary>
    /// An observation of the mid at an exchange time: labels, through the sink, every waiting decision whose
    /// horizon ended strictly before it. A time earlier than the previous observation counts as that time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Observe<TSink>(long exchangeTimeNs, double midTicks, ref TSink sink)
        where TSink : struct, IDirectionSink
    {
        if (exchangeTimeNs < _lastTimeNs) exchangeTimeNs = _lastTimeNs;
        // Every horizon is checked: a longer horizon's oldest decision can be due while the shorter one's is not.
        for (int h = 0; h < _horizonsNs.Length; h++)
        {
            long next = _next[h];
            if (next < _head && _ring[next & _mask].TimeNs + _horizonsNs[h] < exchangeTimeNs)
            {
                Resolve(h, exchangeTimeNs, ref sink);
            }
        }

        _lastTimeNs = exchangeTimeNs;
        _lastMid = midTicks;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Resolve<TSink>(int h, long now, ref TSink sink) where TSink : struct, IDirectionSink
    {
        long horizon = _horizonsNs[h];
        long next = _next[h];
        while (next < _head)
        {
            ref readonly PendingDecision d = ref _ring[next & _mask];
            if (d.TimeNs + horizon >= now) break;
            double move = _lastMid - d.MidTicks;
            double threshold = _thresholdFraction > 0 ? _thresholdFraction * d.MidTicks : _thresholdTicks;
            sink.OnLabel(h, in d, DirectionClass.Label(move, threshold), move);
            next++;
        }

        _next[h] = next;
    }

    /// <summary>
    /// Queues a decision (observe its mid first). Returns false, and counts it in <see cref="Dropped"/>, when the
    /// ring is full.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Enqueue(in PendingDecision decision)
    {
        // The longest horizon resolves last, so its pointer is the ring's tail.
        if (_head - _next[^1] == _ring.Length)
        {
            _dropped++;
            return false;
        }

        _ring[_head & _mask] = decision;
        _head++;
        return true;
    }
}
