using System.Runtime.CompilerServices;

namespace HftScalper.Trading.Signals;

/// <summary>
/// Per-symbol direction state shared by every scorer (model, ensemble, fallback), so a switch between them keeps
/// the held direction and its cool-down instead of starting over. Rules, for a long score L and a short score S:
/// <list type="bullet">
/// <item>Held Long stays Long while <c>L &gt;= Exit</c>; held Short likewise with S (hysteresis).</item>
/// <item>Otherwise a direction is entered when its score <c>&gt;= Enter</c> and beats the other one; else Flat.</item>
/// <item>Cool-down: no entry or flip within <see cref="CooldownNs"/> of exchange time after the last change; an
/// exit to Flat is always allowed (never hold risk because of a cool-down), so a flip inside it becomes Flat.</item>
/// </list>
/// One writer thread (the signal stage); arrays sized once; no allocation per call.
/// </summary>
public sealed class DirectionHysteresis
{
    private readonly sbyte[] _direction;
    private readonly long[] _lastChangeNs;
    private readonly bool[] _changed;
    private long _entries, _exits, _flips, _suppressed;

    /// <summary>Creates state for symbol ids <c>0..symbolCapacity-1</c>.</summary>
    public DirectionHysteresis(int symbolCapacity, long cooldownNs)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(symbolCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(cooldownNs);
        _direction = new sbyte[symbolCapacity];
        _lastChangeNs = new long[symbolCapacity];
        _changed = new bool[symbolCapacity];
        CooldownNs = cooldownNs;
    }

    /// <summary>Number of symbol slots.</summary>
    public int SymbolCapacity => _direction.Length;

    /// <summary>Minimum exchange time between a change and the next entry or flip, in ns.</summary>
    public long CooldownNs { get; }

    /// <summary>Transitions Flat -> Long/Short.</summary>
    public long Entries => _entries;

    /// <summary>Transitions Long/Short -> Flat (including flips cut short by a cool-down).</summary>
    public long Exits => _exits;

    /// <summary>Transitions Long &lt;-> Short.</summary>
    public long Flips => _flips;

    /// <summary>Entries or flips refused because the symbol was cooling down.</summary>
    public long SuppressedByCooldown => _suppressed;

    /// <summary>The direction currently held for <paramref name="symbolId"/>.</summary>
    public SignalDirection Current(int symbolId) => (SignalDirection)_direction[symbolId];

    /// <summary>
    /// Applies one decision's scores and returns the direction now held. The caller has checked
    /// <paramref name="symbolId"/> and that both scores are finite.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public SignalDirection Next(int symbolId, float longScore, float shortScore, in SignalThresholds t, long timeNs)
    {
        int held = _direction[symbolId];
        int want;
        if (held > 0 && longScore >= t.Exit) want = 1;
        else if (held < 0 && shortScore >= t.Exit) want = -1;
        else if (longScore >= t.Enter && longScore > shortScore) want = 1;
        else if (shortScore >= t.Enter && shortScore > longScore) want = -1;
        else want = 0;
        if (want != held) want = Change(symbolId, held, want, timeNs);
        return (SignalDirection)want;
    }

    /// <summary>Forgets the state of every symbol (a new run).</summary>
    public void Reset()
    {
        Array.Clear(_direction);
        Array.Clear(_lastChangeNs);
        Array.Clear(_changed);
    }

    private int Change(int symbolId, int held, int want, long timeNs)
    {
        if (want != 0 && _changed[symbolId] && timeNs - _lastChangeNs[symbolId] < CooldownNs)
        {
            _suppressed++;
            if (held == 0) return 0;
            want = 0; // a flip inside the cool-down still exits: never keep risk the model no longer wants
        }
        if (held == 0) _entries++;
        else if (want == 0) _exits++;
        else _flips++;
        _direction[symbolId] = (sbyte)want;
        _lastChangeNs[symbolId] = timeNs;
        _changed[symbolId] = true;
        return want;
    }
}
