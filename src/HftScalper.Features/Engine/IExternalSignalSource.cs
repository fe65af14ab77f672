namespace HftScalper.Features.Engine;

/// <summary>
/// Extension point for external numeric signals keyed by symbol and exchange time, such as a news-sentiment score.
/// No implementation ships: a real one (a vendor feed, a sentiment model) must publish values off the hot path and
/// answer <see cref="TryGetLatest"/> from memory without allocating or blocking.
/// </summary>
/// <remarks>
/// Wiring one in adds columns to the schema (so its hash changes and models trained without it are refused): the
/// engine would append <see cref="Names"/> after the built-in features and write each value, or 0 with a validity
/// column of 0 when <see cref="TryGetLatest"/> has nothing at least as old as the decision (no look-ahead: a value
/// published after the decision's exchange time must not be returned).
/// </remarks>
internal interface IExternalSignalSource
{
    /// <summary>Column names of the signals this source provides, in order (stable: they enter the schema hash).</summary>
    IReadOnlyList<string> Names { get; }

    /// <summary>Writes the latest values known at <paramref name="exchangeTimeNs"/> for a symbol into
    /// <paramref name="values"/> (length <see cref="Names"/>.Count); false when nothing is known yet.</summary>
    bool TryGetLatest(int symbolId, long exchangeTimeNs, Span<float> values);
}
