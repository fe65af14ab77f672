namespace HftScalper.Binance.Orders;

/// <summary>One element of <c>GET /fapi/v2/positionRisk</c> (all numbers arrive as strings).</summary>
public sealed class FuturesPosition
{
    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }

    /// <summary><c>positionAmt</c> (signed: negative = short).</summary>
    public decimal PositionAmt { get; init; }

    /// <summary><c>entryPrice</c>.</summary>
    public decimal EntryPrice { get; init; }

    /// <summary><c>markPrice</c>.</summary>
    public decimal MarkPrice { get; init; }

    /// <summary><c>unRealizedProfit</c>.</summary>
    public decimal UnRealizedProfit { get; init; }

    /// <summary><c>liquidationPrice</c>.</summary>
    public decimal LiquidationPrice { get; init; }

    /// <summary><c>leverage</c>.</summary>
    public decimal Leverage { get; init; }

    /// <summary><c>marginType</c> (cross / isolated).</summary>
    public string? MarginType { get; init; }

    /// <summary><c>notional</c>.</summary>
    public decimal Notional { get; init; }

    /// <summary><c>positionSide</c>.</summary>
    public string? PositionSide { get; init; }

    /// <summary><c>updateTime</c> (Unix ms).</summary>
    public long UpdateTime { get; init; }
}
