namespace HftScalper.Trading.Execution;

/// <summary>Whether a fill added liquidity (maker) or removed it (taker); decides the fee rate.</summary>
public enum Liquidity : byte
{
    /// <summary>Not a fill.</summary>
    None = 0,

    /// <summary>Our resting order was hit.</summary>
    Maker = 1,

    /// <summary>Our order crossed the spread.</summary>
    Taker = 2,
}
