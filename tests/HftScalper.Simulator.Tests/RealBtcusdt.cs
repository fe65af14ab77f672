namespace HftScalper.Simulator.Tests;

/// <summary>
/// The statistics of the real Binance BTCUSDT spot recording (../shared/data/binance/spot, 650 s), as measured by
/// MarketStatistics; a data test re-measures them so these figures cannot drift from the data. The simulator is
/// calibrated against them (src/HftScalper.Simulator/README.md).
/// </summary>
public static class RealBtcusdt
{
    public const double SpreadOneTickShare = 0.893;
    public const double SpreadMeanTicks = 19.1;
    public const double Depth1 = 2.26;
    public const double Depth5 = 2.83;
    public const double Depth10 = 3.55;
    public const double DiffRate = 9.98;
    public const double LevelsPerDiff = 45.9;
    public const double UpdateIdRate = 702.6;
    public const double BookTickerRate = 112.5;
    public const double TradeRate = 30.6;
    public const double TradeSizeMedian = 0.00067;
    public const double TradeSizeP90 = 0.0576;
    public const double TradeFano1s = 115.9;
    public const double BookTickerFano1s = 81.2;
    public const double MidChangeRate = 10.1;
    public const double MidVolatility1sTicks = 770;
    public const double ImbalanceHitRate = 0.767;
    public const double ImbalanceHitRate1s = 0.780;
    public const double ImbalanceHitRate10s = 0.586;
}
