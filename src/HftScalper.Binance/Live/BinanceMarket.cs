namespace HftScalper.Binance.Live;

/// <summary>Which Binance market a live client talks to (decides the snapshot path and sync rules).</summary>
public enum BinanceMarket : byte
{
    /// <summary>Spot (<c>/api/v3/depth</c>; sync by <c>U</c>/<c>u</c>).</summary>
    Spot = 0,

    /// <summary>USD-M futures (<c>/fapi/v1/depth</c>; sync by <c>pu</c>).</summary>
    UsdMFutures = 1,

    /// <summary>COIN-M (coin-margined inverse) futures (<c>/dapi/v1/depth</c>; sync by <c>pu</c> as USD-M).</summary>
    CoinMFutures = 2,
}
