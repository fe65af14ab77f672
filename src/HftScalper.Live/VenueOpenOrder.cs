using HftScalper.Trading.Execution;

namespace HftScalper.Live;

/// <summary>One open order as the venue reports it (quantities in the symbol's lots, prices in its ticks).</summary>
/// <param name="SymbolId">The registry id of the order's symbol.</param>
/// <param name="ClientOrderId">The venue's client order id text (ours when our session's prefix parses it).</param>
/// <param name="Side">Buy or sell.</param>
/// <param name="PriceTicks">Limit price (0 for a market order).</param>
/// <param name="QuantityLots">Original quantity.</param>
/// <param name="FilledLots">Executed so far.</param>
public readonly record struct VenueOpenOrder(int SymbolId, string ClientOrderId, OrderSide Side, long PriceTicks, long QuantityLots, long FilledLots);
