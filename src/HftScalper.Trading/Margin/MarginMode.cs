namespace HftScalper.Trading.Margin;

/// <summary>How a USD-M position's margin is held (Binance's margin type).</summary>
public enum MarginMode : byte
{
    /// <summary>Cross (Binance's default): the whole wallet backs every position; one position's liquidation price
    /// depends on the others' maintenance margin and unrealised PnL.</summary>
    Cross = 0,

    /// <summary>Isolated: each position is backed only by the margin posted for it (entry notional / leverage here).</summary>
    Isolated = 1,
}
