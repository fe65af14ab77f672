using HftScalper.Reporting.Fills;

namespace HftScalper.Reporting.Tests.Fills;

public sealed class TradesFileTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hft-trades-test-" + Guid.NewGuid().ToString("N"));

    public TradesFileTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static List<TradeFileRow> Sample() =>
    [
        new() { TimeNs = 1_723_161_635_379_000_000, Symbol = "BTCUSDT", Side = "buy", Price = 61834.82, Quantity = 0.04581, Liquidity = "taker",
            Fee = 2.8326532, OrderId = 5_242_883, PDown = 0.08345721662044525, PFlat = 0.35988372564315796, PUp = 0.5566590428352356,
            Mid = 61834.815, PositionAfter = 0.04581, MarkoutBps = [1.0253122755107882, -0.1, double.NaN] },
        new() { TimeNs = 1_723_161_636_894_000_000, Symbol = "ODD,\"NAME\"", Side = "sell", Price = 0.1, Quantity = 1e-8, Liquidity = "maker",
            Fee = -0.0001, OrderId = long.MaxValue, PDown = double.NaN, PFlat = double.NaN, PUp = double.NaN,
            Mid = 0.10000000000000002, PositionAfter = -3.5, MarkoutBps = [double.NaN, double.NaN, double.NaN] },
    ];

    [Theory]
    [InlineData("trades.parquet")]
    [InlineData("trades.csv")]
    [InlineData("trades.CSV")]
    public void A_written_trades_file_reads_back_the_same_rows(string name)
    {
        string path = Path.Combine(_dir, name);
        var rows = Sample();

        TradesFile.Write(path, rows, [1, 5, 30]);
        var (back, horizons) = TradesFile.Read(path);

        Assert.Equal([1.0, 5.0, 30.0], horizons);
        Assert.Equal(rows, back);
    }

    [Fact]
    public void The_extension_picks_the_format_and_the_csv_header_names_every_column()
    {
        TradesFile.Write(Path.Combine(_dir, "t.csv"), Sample(), [1, 5, 30]);
        TradesFile.Write(Path.Combine(_dir, "t.parquet"), Sample(), [1, 5, 30]);

        Assert.Equal("PAR1"u8.ToArray(), File.ReadAllBytes(Path.Combine(_dir, "t.parquet"))[..4]);
        Assert.Equal("time_ns,symbol,side,price,quantity,liquidity,fee,order_id,p_down,p_flat,p_up,mid,position_after,markout_1s_bps,markout_5s_bps,markout_30s_bps",
            File.ReadLines(Path.Combine(_dir, "t.csv")).First());
    }

    [Fact]
    public void An_empty_run_writes_a_file_with_no_rows_that_reads_back()
    {
        foreach (var name in new[] { "e.csv", "e.parquet" })
        {
            string path = Path.Combine(_dir, name);
            TradesFile.Write(path, [], [1, 5, 30]);
            Assert.Empty(TradesFile.Read(path).Rows);
        }
    }
}
