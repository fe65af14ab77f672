using HftScalper.Binance.WsApi;
using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// What differs between Binance markets in the order path the gateways share: the requests (place, cancel, status by
/// our client order id), how a status answer reads, and what a refusal's error code means. One small implementation
/// per market (<see cref="SpotOrderApi"/>, <see cref="FuturesOrderApi"/>); everything else is
/// <see cref="VenueGatewayCore"/> and its parts.
/// </summary>
internal interface IVenueOrderApi
{
    /// <summary>Sends the order (its request and venue id).</summary>
    Task<WsApiResponse> PlaceAsync(VenueOrder order, CancellationToken ct);

    /// <summary>Cancels the venue order of <paramref name="symbol"/> whose client order id is <paramref name="clientOrderId"/>
    /// (ours or a foreign one).</summary>
    Task<WsApiResponse> CancelAsync(string symbol, string clientOrderId, CancellationToken ct);

    /// <summary>Queries the venue order (<c>order.status</c>) of <paramref name="symbol"/> by its client order id.</summary>
    Task<WsApiResponse> StatusAsync(string symbol, string clientOrderId, CancellationToken ct);

    /// <summary>An Ok <c>order.status</c> (or order) answer of the order's venue order, in ticks and lots.</summary>
    QueriedOrder Read(VenueOrder order, WsApiResponse answer);

    /// <summary>The engine's reason for a venue refusal (by its Binance error code).</summary>
    ExecutionReason MapReject(WsApiResponse response);
}
