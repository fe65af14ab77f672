namespace HftScalper.FakeExchange.Orders;

/// <summary>One trade of an order (an entry of <c>fills</c> and <c>myTrades</c>).</summary>
public sealed record FakeFill(long TradeId, long OrderId, string Symbol, bool IsBuyer, bool IsMaker, decimal Price, decimal Qty,
    decimal Commission, string CommissionAsset, decimal RealizedPnl, long Time);
