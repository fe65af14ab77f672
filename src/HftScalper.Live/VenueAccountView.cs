namespace HftScalper.Live;

/// <summary>
/// The venue's account for the traded symbols at one moment: what reconciliation compares with the ledger.
/// </summary>
/// <param name="OpenOrders">Open orders of the traded symbols.</param>
/// <param name="PositionLots">Per symbol id: spot, the base asset held (free + locked) in lots; USD-M, the signed
/// position amount in lots.</param>
/// <param name="QuoteBalance">The quote asset (spot: free + locked; USD-M: wallet balance), in quote units.</param>
/// <param name="TimeNs">When the view was taken (wall clock, ns since the Unix epoch).</param>
public sealed record VenueAccountView(IReadOnlyList<VenueOpenOrder> OpenOrders, long[] PositionLots, decimal QuoteBalance, long TimeNs);
