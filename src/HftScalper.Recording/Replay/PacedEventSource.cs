using HftScalper.Core.Events;
using HftScalper.Recording.Events;
using HftScalper.Recording.Integrity;

namespace HftScalper.Recording.Replay;

/// <summary>An event source released at recorded speed (see <see cref="ReplayPacer"/>), paced on local time.</summary>
public sealed class PacedEventSource : ICountedEventSource, IInputDamageSource
{
    private readonly ICountedEventSource _inner;

    /// <summary>Wraps (and owns) <paramref name="inner"/>.</summary>
    public PacedEventSource(ICountedEventSource inner, double speed)
    {
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        Pacer = new ReplayPacer(speed);
    }

    /// <summary>The pacer (speed, time waited).</summary>
    public ReplayPacer Pacer { get; }

    /// <inheritdoc />
    public string Description => $"{_inner.Description} at {Pacer.Speed}x recorded speed";

    /// <inheritdoc />
    public EventSourceStats Stats => _inner.Stats;

    /// <inheritdoc />
    public bool QuoteIsMarketState => _inner.QuoteIsMarketState;

    /// <inheritdoc />
    public bool TryRead(out MarketEvent ev)
    {
        if (!_inner.TryRead(out ev)) return false;
        Pacer.Pace(ev.LocalTimeNs);
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _inner.Dispose();

    /// <inheritdoc />
    void IInputDamageSource.AddInputDamage(InputDamage total) => total.AddFrom(_inner);
}
