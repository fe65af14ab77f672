using HftScalper.Inference.Sequence;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Makes a sequence model that never leaves warming loud: per symbol, the exchange time since its first warming row
/// with no prediction after it. A streak longer than <see cref="StallFactor"/> times the model's warm-up (at least
/// <see cref="FloorNs"/>; <see cref="UnknownWarmupNs"/> when the model states none) counts one stall, and whether any
/// of its rows had a synced book says which: a book that never synced (a recording without a depth snapshot, a feed
/// that never resyncs) or a window that never fills (gaps or restarts on every row, a sampling clock at odds with the
/// times). Allocation-free per row once a symbol has been seen; not thread-safe (the inference thread).
/// </summary>
internal sealed class WarmingStallWatch
{
    /// <summary>A streak this many times the model's warm-up is a stall.</summary>
    public const int StallFactor = 4;

    /// <summary>Shortest stall, ns of exchange time (a model with a very short window).</summary>
    public const long FloorNs = 10_000_000_000;

    /// <summary>The stall length when the model states no warm-up time, ns (5 minutes).</summary>
    public const long UnknownWarmupNs = 300_000_000_000;

    private long[] _since = Empty(8);
    private bool[] _reported = new bool[8], _synced = new bool[8];
    private int _open;

    /// <summary>Stalls: streaks of warming rows far longer than the model's warm-up (each counted once).</summary>
    public long Stalls { get; private set; }

    /// <summary>Stalls in which no row had a synced book: the model could not start because the book never synced.</summary>
    public long UnsyncedStalls { get; private set; }

    /// <summary>The symbol of the latest stall (-1 before any).</summary>
    public int LastSymbol { get; private set; } = -1;

    /// <summary>True when no row of the latest stall had a synced book.</summary>
    public bool LastUnsynced { get; private set; }

    /// <summary>The stall length the latest stall crossed, ns of exchange time.</summary>
    public long LastLimitNs { get; private set; }

    /// <summary>True while some symbol is warming (rows must be observed to close its streak).</summary>
    public bool Active => _open > 0;

    /// <summary>The stall length for a model of warm-up <paramref name="warmupNs"/>.</summary>
    public static long LimitNs(long warmupNs) => warmupNs > 0 ? Math.Max(StallFactor * warmupNs, FloorNs) : UnknownWarmupNs;

    /// <summary>Folds in one served row: <paramref name="warming"/> true when the model had no prediction for it.
    /// Returns true when this row made its symbol's streak a stall.</summary>
    public bool Observe(in SequenceRowKey key, bool warming, long warmupNs)
    {
        int s = key.SymbolId;
        if (s < 0) return false;
        if (s >= _since.Length) Grow(s);
        if (!warming)
        {
            if (_since[s] != long.MinValue) { _since[s] = long.MinValue; _open--; }
            return false;
        }
        if (_since[s] == long.MinValue || key.TimeNs < _since[s])
        {
            if (_since[s] == long.MinValue) _open++;
            _since[s] = key.TimeNs;
            _reported[s] = false;
            _synced[s] = key.BookSynced;
            return false;
        }
        _synced[s] |= key.BookSynced;
        long limit = LimitNs(warmupNs);
        if (_reported[s] || key.TimeNs - _since[s] <= limit) return false;
        _reported[s] = true;
        Stalls++;
        if (!_synced[s]) UnsyncedStalls++;
        LastSymbol = s;
        LastLimitNs = limit;
        LastUnsynced = !_synced[s];
        return true;
    }

    private void Grow(int symbol)
    {
        int n = Math.Max(symbol + 1, 2 * _since.Length), old = _since.Length;
        Array.Resize(ref _since, n);
        _since.AsSpan(old).Fill(long.MinValue);
        Array.Resize(ref _reported, n);
        Array.Resize(ref _synced, n);
    }

    private static long[] Empty(int n)
    {
        var a = new long[n];
        a.AsSpan().Fill(long.MinValue);
        return a;
    }
}
