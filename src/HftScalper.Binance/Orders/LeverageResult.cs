namespace HftScalper.Binance.Orders;

/// <summary><c>POST /fapi/v1/leverage</c>: <c>{"leverage":21,"maxNotionalValue":"1000000","symbol":"BTCUSDT"}</c>.</summary>
public sealed class LeverageResult
{
    /// <summary><c>leverage</c>.</summary>
    public int Leverage { get; init; }

    /// <summary><c>maxNotionalValue</c>.</summary>
    public decimal MaxNotionalValue { get; init; }

    /// <summary><c>symbol</c>.</summary>
    public string? Symbol { get; init; }
}
