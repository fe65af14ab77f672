namespace HftScalper.Binance.Orders;

/// <summary>One element of <c>GET /api/v3/myTrades</c>.</summary>
internal sealed class SpotTrade
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>id</c> (trade id).</summary>
    public long Id { get; init; }

    /// <summary><c>orderId</c>.</summary>
    public long OrderId { get; init; }

    /// <summary><c>price</c>.</summary>
    public decimal Price { get; init; }

    /// <summary><c>qty</c>.</summary>
    public decimal Qty { get; init; }

    /// <summary><c>quoteQty</c>.</summary>
    public decimal QuoteQty { get; init; }

    /// <summary><c>commission</c>.</summary>
    public decimal Commission { get; init; }

    /// <summary><c>commissionAsset</c>.</summary>
    public string? CommissionAsset { get; init; }

    /// <summary><c>time</c> (Unix ms).</summary>
    public long Time { get; init; }

    /// <summary><c>isBuyer</c>.</summary>
    public bool IsBuyer { get; init; }

    /// <summary><c>isMaker</c>.</summary>
    public bool IsMaker { get; init; }
}
