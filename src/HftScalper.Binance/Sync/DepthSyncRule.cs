namespace HftScalper.Binance.Sync;

/// <summary>Which of Binance's documented update-id rules chains depth messages.</summary>
public enum DepthSyncRule : byte
{
    /// <summary>Spot: drop <c>u &lt;= id</c>; a message with <c>U &gt; id + 1</c> is a gap.</summary>
    Spot = 0,

    /// <summary>USD-M and COIN-M futures: drop <c>u &lt; lastUpdateId</c>; the first applied message must have
    /// <c>U &lt;= lastUpdateId &lt;= u</c> (or <c>pu == lastUpdateId</c>: it follows the snapshot exactly); after it every <c>pu</c> must equal the previous <c>u</c>.</summary>
    Futures = 1,
}
