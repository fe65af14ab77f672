using System.Globalization;
using System.IO.Compression;
using HftScalper.Recording.Replay;

namespace HftScalper.Recording.Tests.Replay;

/// <summary>The scales replay gives a symbol whose exchange filters are unknown cover every value of its recording,
/// its REST snapshots included, so no frame of it is off the inferred grid.</summary>
public sealed class KnownSymbolPrescanTests
{
    [Fact]
    public void An_unknown_symbol_takes_the_finer_decimals_of_its_snapshot_than_of_its_stream()
    {
        // The stream's prices use 3 decimals, the snapshot's deep levels 5 (CTKUSDT USD-M in the cryptofeed sample):
        // inferred from the stream alone, the snapshot was off the grid, rejected, and the symbol never synced.
        using var dir = new TempDir();
        string path = dir.File("abc.gz");
        using (var gz = new StreamWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest)))
        {
            string[] lines =
            [
                "{\"stream\":\"abcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161255100,\"s\":\"ABCUSDT\",\"U\":10,\"u\":11,\"b\":[[\"1.006\",\"5\"]],\"a\":[[\"1.013\",\"7\"]]}}",
                "{\"lastUpdateId\":10,\"bids\":[[\"1.00600\",\"5\"],[\"0.00001\",\"100\"]],\"asks\":[[\"1.01300\",\"7.5\"]]}",
                "{\"stream\":\"abcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161255200,\"s\":\"ABCUSDT\",\"U\":12,\"u\":12,\"b\":[[\"1.007\",\"5\"]],\"a\":[]}}",
            ];
            long ts = 1_723_161_255_000_000_000L;
            foreach (var line in lines)
                gz.Write($"{(ts += 100_000_000).ToString(CultureInfo.InvariantCulture)} {line}\n");
        }

        var symbol = Assert.Single(KnownSymbolPrescan.Symbols([path], "binance-usdm"));

        Assert.Equal("ABCUSDT", symbol.Name);
        Assert.Equal(5, symbol.PriceDecimals);
        Assert.Equal(1, symbol.QuantityDecimals);
    }
}
