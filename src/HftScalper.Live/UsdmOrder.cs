using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// <see cref="BinanceUsdmGateway"/>'s record of one engine order (created by the sender task): what has been reported
/// for it so far, so every source (user data, responses, queries) adds only what is new. An <c>order.modify</c>
/// replacement takes over its original's venue order: it shares <see cref="VenueId"/> and <see cref="RouteKey"/>, and
/// counts its fills above <see cref="BaseLots"/> (what the venue order had executed before the amendment).
/// Lock the instance while reading or changing it.
/// </summary>
internal sealed class UsdmOrder(OrderRequest request, string venueId, long routeKey, string symbol)
{
    public readonly OrderRequest Request = request;
    public readonly string VenueId = venueId;
    public readonly long RouteKey = routeKey;
    public readonly string Symbol = symbol;
    public VenueOrderState State = VenueOrderState.Sent;
    public bool Acked;
    public bool CancelRequested;
    public bool ReplacePending;
    public long BaseLots;
    public long ReportedLots;
    public UsdmOrder? Successor;
    public int Queries;
}
