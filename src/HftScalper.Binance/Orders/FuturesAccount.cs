namespace HftScalper.Binance.Orders;

/// <summary><c>GET /fapi/v2/account</c> (the fields risk and reconciliation read; positions via <see cref="FuturesPosition"/>).</summary>
public sealed class FuturesAccount
{
    /// <summary><c>canTrade</c>.</summary>
    public bool CanTrade { get; init; }

    /// <summary><c>totalWalletBalance</c>.</summary>
    public decimal TotalWalletBalance { get; init; }

    /// <summary><c>totalUnrealizedProfit</c>.</summary>
    public decimal TotalUnrealizedProfit { get; init; }

    /// <summary><c>totalMarginBalance</c>.</summary>
    public decimal TotalMarginBalance { get; init; }

    /// <summary><c>totalMaintMargin</c>.</summary>
    public decimal TotalMaintMargin { get; init; }

    /// <summary><c>availableBalance</c>.</summary>
    public decimal AvailableBalance { get; init; }

    /// <summary><c>updateTime</c>.</summary>
    public long UpdateTime { get; init; }

    /// <summary><c>assets</c>.</summary>
    public IReadOnlyList<FuturesAccountAsset>? Assets { get; init; }
}
