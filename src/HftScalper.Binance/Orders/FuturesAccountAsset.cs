namespace HftScalper.Binance.Orders;

/// <summary>One <c>assets</c> element of <c>GET /fapi/v2/account</c>.</summary>
public sealed class FuturesAccountAsset
{
    /// <summary><c>asset</c>.</summary>
    public string? Asset { get; init; }

    /// <summary><c>walletBalance</c>.</summary>
    public decimal WalletBalance { get; init; }

    /// <summary><c>unrealizedProfit</c>.</summary>
    public decimal UnrealizedProfit { get; init; }

    /// <summary><c>marginBalance</c>.</summary>
    public decimal MarginBalance { get; init; }

    /// <summary><c>maintMargin</c>.</summary>
    public decimal MaintMargin { get; init; }

    /// <summary><c>availableBalance</c>.</summary>
    public decimal AvailableBalance { get; init; }
}
