using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>
/// The gateway's record of one order (created by the sender task, never on the strategy thread): what has been
/// reported for it so far, so every source (user data, responses, queries) adds only what is new. Lock the instance
/// while reading or changing it.
/// </summary>
internal sealed class VenueOrder(OrderRequest request, string venueId, string symbol)
{
    public readonly OrderRequest Request = request;
    public readonly string VenueId = venueId;
    public readonly string Symbol = symbol;
    public VenueOrderState State = VenueOrderState.Sent;
    public bool Acked;
    public bool CancelRequested;
    public bool ReplacePending;
    public long ReportedLots;
    public long ReportedQuote;
    public int Queries;
}
