namespace HftScalper.Binance.Orders;

/// <summary>One <c>balances</c> element of <c>GET /api/v3/account</c>.</summary>
internal sealed class SpotBalance
{
    /// <summary><c>asset</c>.</summary>
    public string? Asset { get; init; }

    /// <summary><c>free</c>.</summary>
    public decimal Free { get; init; }

    /// <summary><c>locked</c> (held by open orders).</summary>
    public decimal Locked { get; init; }
}
