namespace HftScalper.Binance.Orders;

/// <summary>One bracket of <see cref="LeverageBrackets"/>: the highest initial leverage and the maintenance margin rate up
/// to a position's cap (USD-M <c>notionalCap</c> in USDT; COIN-M <c>qtyCap</c> in the coin).</summary>
public sealed class LeverageBracket
{
    /// <summary><c>bracket</c> (1 = the smallest positions).</summary>
    public int Bracket { get; init; }

    /// <summary><c>initialLeverage</c>: the highest leverage allowed in this bracket.</summary>
    public int InitialLeverage { get; init; }

    /// <summary><c>notionalCap</c> (USD-M): upper edge of the position's notional, USDT.</summary>
    public decimal? NotionalCap { get; init; }

    /// <summary><c>qtyCap</c> (COIN-M): upper edge of the position's value in the coin.</summary>
    public decimal? QtyCap { get; init; }

    /// <summary><c>maintMarginRatio</c>: the maintenance margin rate.</summary>
    public decimal MaintMarginRatio { get; init; }

    /// <summary><c>cum</c>: Binance's maintenance amount for the quick formula.</summary>
    public decimal Cum { get; init; }
}
