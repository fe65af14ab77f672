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

    [Fact]
    public void A_binance_csv_symbol_takes_the_decimals_its_rows_use()
    {
        // DOGEUSDT's table keeps 8 quantity decimals at a 5-decimal tick and ABCUSDT is in no table (10^-8): read at
        // those, a CSV replay's account units were too fine and the run traded nothing (tradingDisabled).
        using var dir = new TempDir();
        string doge = dir.File("DOGEUSDT-trades-2025-01-02.csv"), abc = dir.File("ABCUSDT-bookTicker-2025-01-02.csv");
        File.WriteAllText(doge, "1,0.31234,120.5,37.6,1735776000000123,false\n2,0.3124,3,0.9,1735776000000200,true\n");
        File.WriteAllText(abc, "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time\n"
            + "5,1.0060,12,1.0070,3.25,1735776000001,1735776000002\n");

        var symbols = KnownSymbolPrescan.Symbols([doge], "binance-spot").Concat(KnownSymbolPrescan.Symbols([abc], "binance-spot")).ToList();

        Assert.Equal(["DOGEUSDT", "ABCUSDT"], symbols.Select(s => s.Name));
        Assert.Equal((5, 1), (symbols[0].PriceDecimals, symbols[0].QuantityDecimals));
        Assert.Equal((3, 2), (symbols[1].PriceDecimals, symbols[1].QuantityDecimals));
    }
}
