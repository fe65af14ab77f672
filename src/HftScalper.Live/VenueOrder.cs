using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// A Binance gateway's record of one engine order, spot or USD-M (created by the sender task, never on the strategy
/// thread): what has been reported for it so far, so every source (user data, responses, queries) adds only what is
/// new. Lock the instance while reading or changing it.
/// <para>A USD-M <c>order.modify</c> replacement takes over its original's venue order: it shares
/// <see cref="VenueId"/> and <see cref="RouteKey"/>, and counts its fills above <see cref="BaseLots"/> (what the venue
/// order had executed before the amendment). Every other order has its own venue order: its route key is its own id
/// and its base 0.</para>
/// </summary>
internal sealed class VenueOrder(OrderRequest request, string venueId, long routeKey, string symbol)
{
    public readonly OrderRequest Request = request;
    public readonly string VenueId = venueId;

    /// <summary>The engine id the venue order's user data reports are routed by (the id it was placed with).</summary>
    public readonly long RouteKey = routeKey;

    public readonly string Symbol = symbol;
    public VenueOrderState State = VenueOrderState.Sent;
    public bool Acked;
    public bool CancelRequested;
    public bool ReplacePending;
    public long BaseLots;
    public long ReportedLots;

    /// <summary>Quote units (ticks x lots) of the reported fills: prices a fill a spot query finds (its cumulative quote).</summary>
    public long ReportedQuote;

    /// <summary>USD-M: the replacement an <c>order.modify</c> in flight hands the venue order to (null otherwise).</summary>
    public VenueOrder? Successor;

    public int Queries;

    /// <summary>When the record was made, just before its request left (<see cref="Environment.TickCount64"/>, ms): an
    /// order the venue does not know may still arrive until the venue's recvWindow has passed since then.</summary>
    public readonly long SentMs = Environment.TickCount64;
}
