namespace HftScalper.Binance.Orders;

/// <summary>Order side (<c>side=BUY|SELL</c>).</summary>
public enum OrderSide : byte
{
    /// <summary>BUY.</summary>
    Buy = 1,

    /// <summary>SELL.</summary>
    Sell = 2,
}
