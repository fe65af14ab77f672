using HftScalper.Core.Events;
using HftScalper.Recording.Events;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Replay;

/// <summary>
/// Merges several time-ordered event sources into one by exchange time (ties go to the earlier source), e.g. a
/// day's bookTicker and aggTrades CSVs. Keeps one pending event per source; no allocation per event.
/// </summary>
internal sealed class MergedEventSource : ICountedEventSource, IInputDamageSource
{
    private readonly ICountedEventSource[] _sources;
    private readonly MarketEvent[] _pending;
    private readonly bool[] _has;
    private bool _primed;

    /// <summary>Takes ownership of <paramref name="sources"/>.</summary>
    public MergedEventSource(IReadOnlyList<ICountedEventSource> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        _sources = [.. sources];
        _pending = new MarketEvent[_sources.Length];
        _has = new bool[_sources.Length];
        Description = string.Join(" + ", _sources.Select(s => s.Description));
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool QuoteIsMarketState => Array.TrueForAll(_sources, s => s.QuoteIsMarketState);

    /// <summary>Totals over every source (refreshed on each call).</summary>
    public EventSourceStats Stats
    {
        get
        {
            var t = new EventSourceStats();
            foreach (var s in _sources)
            {
                t.Rows += s.Stats.Rows;
                t.Events += s.Stats.Events;
                t.BadRows += s.Stats.BadRows;
                t.Suspicious += s.Stats.Suspicious;
                t.LockedOrCrossed += s.Stats.LockedOrCrossed;
                t.Unchanged += s.Stats.Unchanged;
                t.Ignored += s.Stats.Ignored;
                t.Duplicates += s.Stats.Duplicates;
                t.FirstProblem ??= s.Stats.FirstProblem;
            }
            return t;
        }
    }

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        if (!_primed)
        {
            for (int i = 0; i < _sources.Length; i++) _has[i] = _sources[i].TryRead(out _pending[i]);
            _primed = true;
        }
        int best = -1;
        for (int i = 0; i < _sources.Length; i++)
            if (_has[i] && (best < 0 || _pending[i].ExchangeTimeNs < _pending[best].ExchangeTimeNs)) best = i;
        if (best < 0)
        {
            ev = default;
            return false;
        }
        ev = _pending[best];
        _has[best] = _sources[best].TryRead(out _pending[best]);
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var s in _sources) s.Dispose();
    }

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total)
    {
        foreach (var s in _sources) total.AddFrom(s);
    }
}
