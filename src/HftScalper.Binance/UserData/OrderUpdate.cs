using HftScalper.Core.Events;

namespace HftScalper.Binance.UserData;

/// <summary>
/// An order report: spot <c>executionReport</c> or USD-M <c>ORDER_TRADE_UPDATE</c> (whose fields sit under <c>o</c>).
/// Prices are integers at <see cref="PriceDecimals"/> and quantities at <see cref="QuantityDecimals"/>: the symbol's
/// scales when it is registered (<see cref="SymbolKnown"/>), otherwise <see cref="UserDataEvent.AmountDecimals"/> for both.
/// </summary>
/// <remarks>
/// Duplicates and reordering: Binance may deliver a report twice (after a reconnect) or out of order. A consumer
/// drops a report whose (<see cref="OrderId"/>, <see cref="TradeId"/>) it has seen, or whose
/// <see cref="CumulativeQuantity"/> is below what it already holds; <see cref="TransactionTimeMs"/> orders reports of
/// one order. <see cref="OrderUpdateSequencer"/> does exactly that.
/// </remarks>
public sealed record OrderUpdate(long EventTimeMs) : UserDataEvent(EventTimeMs)
{
    /// <summary>Spot or USD-M.</summary>
    public required UserDataMarket Market { get; init; }

    /// <summary>Venue symbol (<c>s</c>), upper case.</summary>
    public required string Symbol { get; init; }

    /// <summary>Registry id of the symbol, or -1 when it is not registered.</summary>
    public int SymbolId { get; init; } = -1;

    /// <summary>Whether prices and quantities use the symbol's own scales.</summary>
    public bool SymbolKnown => SymbolId >= 0;

    /// <summary>Decimal places of the price fields.</summary>
    public required int PriceDecimals { get; init; }

    /// <summary>Decimal places of the quantity fields.</summary>
    public required int QuantityDecimals { get; init; }

    /// <summary>Our client order id (<c>c</c>). On a spot cancel this is the cancel request's id; see <see cref="OriginalClientOrderId"/>.</summary>
    public required string ClientOrderId { get; init; }

    /// <summary>Spot <c>C</c>: the id of the order being canceled (null when empty or absent).</summary>
    public string? OriginalClientOrderId { get; init; }

    /// <summary>Exchange order id (<c>i</c>).</summary>
    public required long OrderId { get; init; }

    /// <summary><see cref="Side.Bid"/> for BUY, <see cref="Side.Ask"/> for SELL (<c>S</c>).</summary>
    public required Side Side { get; init; }

    /// <summary>Order type text (<c>o</c>), e.g. <c>LIMIT</c>, <c>LIMIT_MAKER</c>, <c>MARKET</c>.</summary>
    public required string OrderType { get; init; }

    /// <summary>Time in force (<c>f</c>), e.g. <c>GTC</c>, <c>IOC</c>, <c>GTX</c>.</summary>
    public string TimeInForce { get; init; } = "";

    /// <summary>Execution type (<c>x</c>).</summary>
    public required ExecutionType ExecutionType { get; init; }

    /// <summary>Order status after this report (<c>X</c>).</summary>
    public required OrderStatus Status { get; init; }

    /// <summary>Order price (<c>p</c>) at <see cref="PriceDecimals"/>; 0 for market orders.</summary>
    public long Price { get; init; }

    /// <summary>Order quantity (<c>q</c>) at <see cref="QuantityDecimals"/>.</summary>
    public long Quantity { get; init; }

    /// <summary>Last fill quantity (<c>l</c>).</summary>
    public long LastQuantity { get; init; }

    /// <summary>Last fill price (<c>L</c>).</summary>
    public long LastPrice { get; init; }

    /// <summary>Cumulative filled quantity (<c>z</c>): never decreases for one order, so a lower one is stale.</summary>
    public long CumulativeQuantity { get; init; }

    /// <summary>Spot <c>Z</c>: cumulative quote quantity at <see cref="UserDataEvent.AmountDecimals"/> (0 on USD-M).</summary>
    public long CumulativeQuote { get; init; }

    /// <summary>Commission of the last fill (<c>n</c>) at <see cref="UserDataEvent.AmountDecimals"/>.</summary>
    public long Commission { get; init; }

    /// <summary>Commission asset (<c>N</c>), null when none.</summary>
    public string? CommissionAsset { get; init; }

    /// <summary>Trade id (<c>t</c>); -1 (spot) or 0 (USD-M) when the report is not a fill.</summary>
    public long TradeId { get; init; } = -1;

    /// <summary>Whether the fill was on the maker side (<c>m</c>).</summary>
    public bool IsMaker { get; init; }

    /// <summary>Transaction time (<c>T</c>): orders the reports of one order.</summary>
    public long TransactionTimeMs { get; init; }

    /// <summary>Spot reject reason (<c>r</c>), null when <c>NONE</c> or absent.</summary>
    public string? RejectReason { get; init; }

    /// <summary>USD-M realized profit of this fill (<c>rp</c>) at <see cref="UserDataEvent.AmountDecimals"/>.</summary>
    public long RealizedProfit { get; init; }

    /// <summary>USD-M reduce-only flag (<c>R</c>).</summary>
    public bool ReduceOnly { get; init; }

    /// <summary>USD-M position side (<c>ps</c>): BOTH, LONG or SHORT; null on spot.</summary>
    public string? PositionSide { get; init; }

    /// <summary>Whether this is a fill (<see cref="ExecutionType.Trade"/>).</summary>
    public bool IsFill => ExecutionType == ExecutionType.Trade;
}
