namespace HftScalper.Binance.Orders;

/// <summary><c>GET /api/v3/account</c> (the fields risk and reconciliation read).</summary>
internal sealed class SpotAccount
{
    /// <summary><c>canTrade</c>.</summary>
    public bool CanTrade { get; init; }

    /// <summary><c>requireSelfTradePrevention</c>.</summary>
    public bool RequireSelfTradePrevention { get; init; }

    /// <summary><c>updateTime</c> (Unix ms).</summary>
    public long UpdateTime { get; init; }

    /// <summary><c>accountType</c> (SPOT).</summary>
    public string? AccountType { get; init; }

    /// <summary><c>balances</c>.</summary>
    public IReadOnlyList<SpotBalance>? Balances { get; init; }

    /// <summary><c>uid</c>.</summary>
    public long Uid { get; init; }
}
