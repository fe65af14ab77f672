using System.IO.Compression;
using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Events;
using HftScalper.Recording.Replay;
using HftScalper.Recording.Tests.Journal;
using HftScalper.Tests.Shared;
using static HftScalper.Recording.Tests.Events.EventTestHelpers;

namespace HftScalper.Recording.Tests.Replay;

public sealed class ReplaySourceFactoryTests
{
    [Fact]
    public void Journal_is_recognised_by_magic_whatever_its_name()
    {
        using var dir = new TempDir();
        var frames = JournalTestFrames.Make(5);
        string seg = JournalTestFrames.WriteSegment(dir.Path, frames);
        string renamed = dir.File("renamed.bin");
        File.Copy(seg, renamed);

        Assert.Equal(ReplayFormat.Journal, ReplayFormatDetector.Detect(renamed));
        Assert.Equal(ReplayFormat.Journal, ReplayFormatDetector.Detect(dir.Path));
        using var src = ReplaySourceFactory.Open(new SymbolRegistry(), renamed);
        Assert.NotNull(src.Frames);
        Assert.Equal(frames, JournalTestFrames.ReadAll(src.Frames!));
    }

    [Fact]
    public void Gzipped_raw_lines_are_recognised_by_their_first_line()
    {
        using var dir = new TempDir();
        string path = dir.File("capture.dat");
        using (var gz = new GZipStream(File.Create(path), CompressionLevel.Fastest))
            gz.Write(Encoding.UTF8.GetBytes("1723161255123456789 {\"stream\":\"btcusdt@trade\",\"data\":{}}\n"));

        Assert.Equal(ReplayFormat.RawLines, ReplayFormatDetector.Detect(path));
    }

    [Theory]
    [InlineData("BINANCE.ws.1.0", "wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms <-> 1615298717.0449", ReplayFormat.Cryptofeed)]
    [InlineData("BINANCE.http.0.0", "https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000 -> 1615298717.2: {\"lastUpdateId\":1}", ReplayFormat.Cryptofeed)]
    [InlineData("x.txt", "1615298717.2791882: {\"stream\":\"a\"}", ReplayFormat.Cryptofeed)]
    [InlineData("x.txt", "1723161255123456789 {\"lastUpdateId\":1}", ReplayFormat.RawLines)]
    [InlineData("x.csv", "update_id,best_bid_price,best_bid_qty,best_ask_price,best_ask_qty,transaction_time,event_time", ReplayFormat.BinanceCsv)]
    [InlineData("x.csv", "time,price", ReplayFormat.Unknown)]
    public void First_line_tells_the_text_formats_apart(string name, string line, ReplayFormat expected)
    {
        Assert.Equal(expected, ReplayFormatDetector.DetectFromFirstLine(name, line));
    }

    [RequiresDataFact]
    public void Shared_recordings_are_detected_as_their_formats()
    {
        Assert.Equal(ReplayFormat.RawLines, ReplayFormatDetector.Detect(TestData.BinanceSpotBtcusdt[0]));
        Assert.Equal(ReplayFormat.Cryptofeed, ReplayFormatDetector.Detect(TestData.Path("binance", "cryptofeed", "BINANCE.ws.1.0.gz")));
        Assert.Equal(ReplayFormat.Cryptofeed, ReplayFormatDetector.Detect(TestData.Path("binance", "cryptofeed", "BINANCE_FUTURES.http.0.0.gz")));
        Assert.Equal(ReplayFormat.LeanTicks, ReplayFormatDetector.Detect(TestData.Path("equity", "lean-ibm", "20131008_trade.zip")));
    }

    [Fact]
    public void Binance_csvs_of_one_day_are_merged_by_time()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("BTCUSDT-bookTicker-2024-03-01.csv"),
            "1,100.0,1.0,100.1,1.0,1709251200001,1709251200001\n3,100.0,1.0,100.2,1.0,1709251200003,1709251200003\n");
        File.WriteAllText(dir.File("BTCUSDT-aggTrades-2024-03-01.csv"),
            "10,100.1,0.5,20,20,1709251200002,false,true\n11,100.1,0.5,21,21,1709251200004,false,true\n");

        using var src = ReplaySourceFactory.Open(new SymbolRegistry(), dir.File("BTCUSDT-bookTicker-2024-03-01.csv"), dir.File("BTCUSDT-aggTrades-2024-03-01.csv"));
        var ev = ReadAll(src.Events!);

        Assert.Equal(ReplayFormat.BinanceCsv, src.Format);
        Assert.Equal([1L, 10L, 3L, 11L], ev.Select(e => e.UpdateId));
        Assert.Equal(4, src.Events!.Stats.Events);
    }

    [Fact]
    public void Lobster_orderbook_file_alone_is_refused_and_with_its_messages_is_paired()
    {
        using var dir = new TempDir();
        string msg = dir.File("AAPL_2012-06-21_34200000_57600000_message_1.csv");
        File.WriteAllText(msg, "34200.1,1,1,10,300000,1\n");
        string ob = LobsterSource.OrderbookPathFor(msg)!;
        File.WriteAllText(ob, "300100,10,300000,10\n");

        Assert.Throws<InvalidDataException>(() => ReplaySourceFactory.Open(new SymbolRegistry(), ob));
        using var src = ReplaySourceFactory.Open(new SymbolRegistry(), msg, ob);
        Assert.Equal(ReplayFormat.LobsterMessages, src.Format);
        Assert.Single(ReadAll(src.Events!));
    }

    [Fact]
    public void Unknown_files_and_mixed_families_are_clear_errors()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("notes.txt"), "hello\n");
        string seg = JournalTestFrames.WriteSegment(dir.Path, JournalTestFrames.Make(1));
        File.WriteAllText(dir.File("ETHUSDT-trades-2024-01-01.csv"), "1,1.0,1.0,1.0,1704067200000,true,true\n");

        Assert.Throws<InvalidDataException>(() => ReplaySourceFactory.Open(new SymbolRegistry(), dir.File("notes.txt")));
        Assert.Throws<NotSupportedException>(() => ReplaySourceFactory.Open(new SymbolRegistry(), seg, dir.File("ETHUSDT-trades-2024-01-01.csv")));
        Assert.Throws<FileNotFoundException>(() => ReplaySourceFactory.Open(new SymbolRegistry(), dir.File("missing.gz")));
    }

    [Fact]
    public void Several_journal_files_replay_one_after_another()
    {
        using var a = new TempDir();
        using var b = new TempDir();
        var first = JournalTestFrames.Make(7, seed: 3);
        var second = JournalTestFrames.Make(9, seed: 4);
        string s1 = JournalTestFrames.WriteSegment(a.Path, first);
        string s2 = JournalTestFrames.WriteSegment(b.Path, second);

        using var src = ReplaySourceFactory.Open(new SymbolRegistry(), s1, s2);

        Assert.Equal(first.Concat(second), JournalTestFrames.ReadAll(src.Frames!));
    }
}
