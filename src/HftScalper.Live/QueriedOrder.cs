namespace HftScalper.Live;

/// <summary>A venue order as a status query answered it.</summary>
/// <param name="Status">The venue's status text (<c>NEW</c>, <c>FILLED</c>, <c>CANCELED</c>, ...), or null.</param>
/// <param name="ExecutedLots">What the venue order has executed in all (0 when absent).</param>
/// <param name="AvgPriceTicks">Its average fill price in ticks, where the market gives one (USD-M); else 0.</param>
/// <param name="CumulativeQuote">Its executed quote in quote units (ticks x lots), where the market gives it (spot);
/// else null. Prices what a query finds beyond the reported fills exactly.</param>
internal readonly record struct QueriedOrder(string? Status, long ExecutedLots, long AvgPriceTicks, long? CumulativeQuote);
