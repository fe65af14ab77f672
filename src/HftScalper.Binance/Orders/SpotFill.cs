namespace HftScalper.Binance.Orders;

/// <summary>One element of a spot FULL order response's <c>fills</c>.</summary>
internal sealed class SpotFill
{
    /// <summary><c>price</c>.</summary>
    public decimal Price { get; init; }

    /// <summary><c>qty</c>.</summary>
    public decimal Qty { get; init; }

    /// <summary><c>commission</c>.</summary>
    public decimal Commission { get; init; }

    /// <summary><c>commissionAsset</c>.</summary>
    public string? CommissionAsset { get; init; }

    /// <summary><c>tradeId</c>.</summary>
    public long TradeId { get; init; }
}
