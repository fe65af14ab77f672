namespace HftScalper.Trading.Margin;

/// <summary>One funding event of a configured table: the funding time and the rate charged then.</summary>
public sealed record FundingPoint
{
    /// <summary>Funding time (UTC, e.g. <c>2024-01-01T08:00:00Z</c>).</summary>
    public DateTimeOffset Time { get; init; }

    /// <summary>Funding rate, a fraction of notional (0.0001 = 0.01 %); longs pay shorts when positive.</summary>
    public double Rate { get; init; }
}
