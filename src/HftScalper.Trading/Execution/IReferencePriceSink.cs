namespace HftScalper.Trading.Execution;

/// <summary>
/// A live venue gateway that checks an order against the venue's percent-price band before sending it (Binance
/// PERCENT_PRICE / PERCENT_PRICE_BY_SIDE) and so needs each symbol's current reference price. The
/// <see cref="TradingDesk"/> hands it the book's mid at every decision and mark (the paper exchange centres its band the
/// same way), so an order the venue would refuse with <c>-1013</c> is refused locally and never sent.
/// </summary>
public interface IReferencePriceSink
{
    /// <summary>The symbol's reference price in its price ticks (0 = unknown: the band is not checked). Trading thread;
    /// no allocation, no lock.</summary>
    void SetReferencePrice(int symbolId, long priceTicks);
}
