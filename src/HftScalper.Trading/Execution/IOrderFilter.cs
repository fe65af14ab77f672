namespace HftScalper.Trading.Execution;

/// <summary>
/// A venue's order filters (Binance: the exchangeInfo filters of each symbol) as the paper exchange applies them when an
/// order reaches its matching engine, so a paper run rejects what the venue would reject. Live runs' implementation is
/// <c>HftScalper.Live.ExchangeOrderFilter</c>, the same check the live gateways make before sending.
/// </summary>
public interface IOrderFilter
{
    /// <summary>
    /// <see cref="ExecutionReason.None"/> when the venue's filters accept <paramref name="request"/>, else the reason it is
    /// rejected (<see cref="ExecutionReason.FilterFailure"/>, or <see cref="ExecutionReason.InvalidOrder"/> for a symbol
    /// without filters). Called once per order arrival on the trading thread: no allocation, no exception.
    /// </summary>
    /// <param name="request">The order (a new order or a replacement).</param>
    /// <param name="referencePriceTicks">The price the percent-price band is centred on, in the symbol's price units (Binance:
    /// spot's weighted average price over avgPriceMins, futures' mark price; the paper exchange gives its book's mid); 0 =
    /// unknown: the band is not checked.</param>
    ExecutionReason Check(in OrderRequest request, long referencePriceTicks);
}
