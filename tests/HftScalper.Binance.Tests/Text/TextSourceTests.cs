using System.IO.Compression;
using System.Text;
using HftScalper.Binance.Parsing;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Integrity;
using HftScalper.Recording.Sources.Text;
using HftScalper.Tests.Shared;

namespace HftScalper.Binance.Tests.Text;

public sealed class TextSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("parse-text-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Hftbacktest_lines_become_frames_across_plain_and_gzip_files_in_order()
    {
        var a = Write("a.txt", gzip: false,
            """1000 {"stream":"btcusdt@depth@100ms","data":{"e":"depthUpdate"}}""",
            """2000 {"lastUpdateId":5,"bids":[],"asks":[]}""");
        var b = Write("b.gz", gzip: true, """3000 {"stream":"btcusdt@trade","data":{"e":"trade"}}""");
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 5).Id;
        using var source = new HftBacktestTextSource([a, b], new TextSourceOptions(registry));

        var frames = ReadAll(source);

        Assert.Equal([1000L, 2000L, 3000L], frames.Select(f => f.Time));
        Assert.Equal([FrameOrigin.WebSocket, FrameOrigin.RestSnapshot, FrameOrigin.WebSocket], frames.Select(f => f.Origin));
        Assert.Equal(btc, frames[1].Symbol);
        Assert.Equal(-1, frames[0].Symbol);
        Assert.StartsWith("{\"lastUpdateId\":5", frames[1].Json);
        Assert.Equal((3L, 1L, 0L), (source.Counters.Frames, source.Counters.Snapshots, source.Counters.Malformed));
    }

    [Fact]
    public void Snapshot_symbol_is_unresolved_when_streams_name_several_symbols_unless_configured()
    {
        var path = Write("m.txt", gzip: false,
            """1 {"stream":"btcusdt@trade","data":{}}""",
            """2 {"stream":"ethusdt@trade","data":{}}""",
            """3 {"lastUpdateId":5,"bids":[],"asks":[]}""");
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        int eth = registry.Register("ETHUSDT", "binance-spot", 2, 4).Id;

        using (var auto = new HftBacktestTextSource([path], new TextSourceOptions(registry)))
        {
            Assert.Equal(-1, ReadAll(auto)[2].Symbol);
            Assert.Equal(1, auto.Counters.UnresolvedSymbols);
        }
        using var configured = new HftBacktestTextSource([path], new TextSourceOptions(registry) { SnapshotSymbol = "ethusdt" });
        Assert.Equal(eth, ReadAll(configured)[2].Symbol);
    }

    [Fact]
    public void A_bare_snapshot_belongs_to_its_own_file_s_symbol_even_when_it_opens_the_file()
    {
        // One collector file per symbol, given together: file b opens with its snapshot, before any ethusdt line.
        var a = Write("a.txt", gzip: false,
            """1 {"stream":"btcusdt@trade","data":{}}""",
            """2 {"lastUpdateId":5,"bids":[],"asks":[]}""");
        var b = Write("b.txt", gzip: false,
            """3 {"lastUpdateId":6,"bids":[],"asks":[]}""",
            """4 {"stream":"ethusdt@trade","data":{}}""",
            """5 {"lastUpdateId":7,"bids":[],"asks":[]}""");
        var registry = new SymbolRegistry();
        int btc = registry.Register("BTCUSDT", "binance-spot", 2, 5).Id;
        int eth = registry.Register("ETHUSDT", "binance-spot", 2, 4).Id;
        using var source = new HftBacktestTextSource([a, b], new TextSourceOptions(registry));

        var frames = ReadAll(source);

        Assert.Equal([btc, eth, eth], frames.Where(f => f.Origin == FrameOrigin.RestSnapshot).Select(f => f.Symbol));
        Assert.Equal(0, source.Counters.UnresolvedSymbols);
    }

    [Theory]
    [InlineData("""{"lastUpdateId":9,"symbol":"SLOWUSDT","bids":[["100.00","1.5"]],"asks":[["100.01","2"]]}""")]
    [InlineData("""{"lastUpdateId": 9, "symbol": "SLOWUSDT", "bids": [["100.00", "1.5"]], "asks": [["100.01", "2"]]}""")] // Python's json.dumps
    public void A_snapshot_that_names_its_symbol_is_that_symbol_s_even_before_its_first_stream_line(string snapshotJson)
    {
        // A quiet second symbol: its named REST snapshot comes before any of its stream lines, when the file's streams
        // have shown only BTCUSDT. It had been framed as BTCUSDT's and parsed into BTCUSDT's book.
        var path = Write("named.txt", gzip: false,
            """1 {"stream":"btcusdt@trade","data":{}}""",
            "2 " + snapshotJson,
            """3 {"stream":"slowusdt@trade","data":{}}""");
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        int slow = registry.Register("SLOWUSDT", "binance-spot", 2, 5).Id;
        using var source = new HftBacktestTextSource([path], new TextSourceOptions(registry));
        source.TryRead(out _);
        Assert.True(source.TryRead(out var snapshot));
        Assert.Equal(FrameOrigin.RestSnapshot, snapshot.Origin);

        var events = new MarketEventBuffer();
        Assert.Equal(ParseResult.Events, new BinanceParser(registry).Parse(snapshot, events));

        Assert.Equal(2, events.Count);
        Assert.All(events.Events.ToArray(), e => Assert.Equal(slow, e.SymbolId));
        Assert.Equal(0, source.Counters.UnresolvedSymbols);
    }

    [Fact]
    public void A_bare_snapshot_is_unresolved_in_a_file_whose_first_lines_name_several_symbols_even_before_the_second_name()
    {
        // The second symbol's first line comes after the bare snapshot: the file is known to hold two symbols from its
        // first lines, so the snapshot is not given to the first one.
        var path = Write("bare.txt", gzip: false,
            """1 {"stream":"btcusdt@trade","data":{}}""",
            """2 {"lastUpdateId":9,"bids":[],"asks":[]}""",
            """3 {"stream":"ethusdt@trade","data":{}}""");
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        registry.Register("ETHUSDT", "binance-spot", 2, 4);
        using var source = new HftBacktestTextSource([path], new TextSourceOptions(registry));

        Assert.Equal(-1, ReadAll(source)[1].Symbol);
        Assert.Equal(1, source.Counters.UnresolvedSymbols);
    }

    [Fact]
    public void Receive_times_in_microseconds_are_read_as_nanoseconds()
    {
        // collect-binancefutures (hftbacktest's Python collector) wrote int(time.time() * 1e6); its Rust one writes ns.
        var path = Write("us.txt", gzip: false,
            """1723161600005262 {"stream":"btcusdt@trade","data":{}}""",
            """1723161600005262123 {"lastUpdateId":5,"bids":[],"asks":[]}""");
        var registry = new SymbolRegistry();
        registry.Register("BTCUSDT", "binance-spot", 2, 5);
        using var source = new HftBacktestTextSource([path], new TextSourceOptions(registry));

        Assert.Equal([1_723_161_600_005_262_000L, 1_723_161_600_005_262_123L], ReadAll(source).Select(f => f.Time));
    }

    [Fact]
    public void Malformed_and_too_long_lines_are_counted_and_skipped()
    {
        var path = Write("bad.txt", gzip: false,
            "no-timestamp-here",
            "12x {\"a\":1}",
            "123 not-json",
            "",
            "456 {\"e\":\"x\"}",
            "789 {\"pad\":\"" + new string('x', 5000) + "\"}",
            "999 {\"e\":\"y\"}");
        var registry = new SymbolRegistry();
        using var source = new HftBacktestTextSource([path], new TextSourceOptions(registry) { MaxLineBytes = 1024 });

        var frames = ReadAll(source);

        Assert.Equal([456L, 999L], frames.Select(f => f.Time));
        Assert.Equal(3, source.Counters.Malformed);
        Assert.Equal(1, source.Counters.TooLong);
    }

    [Fact]
    public void A_truncated_gzip_file_ends_the_stream_without_throwing()
    {
        var good = Write("t.gz", gzip: true, Enumerable.Range(0, 2000).Select(i => $"{i} {{\"i\":{i}}}").ToArray());
        var bytes = File.ReadAllBytes(good);
        File.WriteAllBytes(good, bytes[..(bytes.Length / 2)]);
        using var source = new HftBacktestTextSource([good], new TextSourceOptions(new SymbolRegistry()));

        var frames = ReadAll(source);

        // Whatever was readable is returned (a cut last line may come through: the parser rejects it); no throw.
        Assert.InRange(frames.Count, 1, 1999);
        Assert.False(source.TryRead(out _));
    }

    [Fact]
    public void Cryptofeed_snapshots_and_stream_are_merged_in_time_order_with_symbols_from_the_url()
    {
        var http = Write("BINANCE.http.0.0.gz", gzip: true,
            """https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000 -> 1633998512.320639: {"lastUpdateId":7,"bids":[],"asks":[]}""",
            """https://api.binance.com/api/v3/depth?symbol=BLZETH&limit=1000 -> 1633998514.5: {"lastUpdateId":8,"bids":[],"asks":[]}""");
        var ws = Write("BINANCE.ws.1.0.gz", gzip: true,
            "wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms <-> 1633998511.159679",
            """1633998512.0633569: {"stream":"nknusdt@depth@100ms","data":{}}""",
            "garbage without separator",
            """1633998513: {"stream":"blzeth@depth@100ms","data":{}}""");
        var registry = new SymbolRegistry();
        using var source = TextRecording.Open([http, ws], new TextSourceOptions(registry) { AutoRegisterVenue = "binance-spot" });

        var frames = ReadAll(source);

        Assert.Equal([1633998512_063356900L, 1633998512_320639000L, 1633998513_000000000L, 1633998514_500000000L], frames.Select(f => f.Time));
        Assert.Equal([FrameOrigin.WebSocket, FrameOrigin.RestSnapshot, FrameOrigin.WebSocket, FrameOrigin.RestSnapshot], frames.Select(f => f.Origin));
        Assert.True(registry.TryGet("NKNUSDT", out var nkn));
        Assert.True(registry.TryGet("BLZETH", out var blz));
        Assert.Equal(nkn!.Id, frames[1].Symbol);
        Assert.Equal(blz!.Id, frames[3].Symbol);
        Assert.Equal(1, ((CryptofeedTextSource)source).Counters.Malformed);
    }

    [Fact]
    public void A_known_symbol_met_first_in_a_cryptofeed_snapshot_registers_with_its_exchange_scales()
    {
        // The http file is read ahead of the stream: BTCUSDT is registered by the snapshot line, before the parser sees it.
        var http = Write("BINANCE.http.0.0.gz", gzip: true,
            """https://api.binance.com/api/v3/depth?symbol=BTCUSDT&limit=1000 -> 1633998512.5: {"lastUpdateId":7,"bids":[],"asks":[]}""");
        var ws = Write("BINANCE.ws.1.0.gz", gzip: true,
            "wss://stream.binance.com:9443/stream?streams=btcusdt@depth@100ms <-> 1633998511.1",
            """1633998512.0: {"stream":"btcusdt@depth@100ms","data":{}}""");
        var registry = new SymbolRegistry();
        using var source = TextRecording.Open([http, ws], new TextSourceOptions(registry) { AutoRegisterVenue = "binance-spot" });

        ReadAll(source);

        Assert.True(registry.TryGet("BTCUSDT", out var btc));
        Assert.True(KnownSymbols.TryGet("binance-spot", "BTCUSDT", out var scales));
        Assert.Equal((scales.PriceDecimals, scales.QuantityDecimals, scales.MinNotionalUnits), (btc!.PriceDecimals, btc.QuantityDecimals, btc.MinNotional));
    }

    [Fact]
    public void A_line_stamped_before_its_predecessor_is_kept_at_the_previous_time_counted_and_named()
    {
        // Across files too: several files are one stream. The live receive clock never runs backwards.
        var a = Write("a.txt", gzip: false,
            """1000 {"stream":"btcusdt@trade","data":{}}""",
            """3000 {"stream":"btcusdt@trade","data":{}}""",
            """2000 {"stream":"btcusdt@trade","data":{}}""",
            """4000 {"stream":"btcusdt@trade","data":{}}""");
        var b = Write("b.gz", gzip: true, """3500 {"stream":"btcusdt@trade","data":{}}""", """5000 {"stream":"btcusdt@trade","data":{}}""");
        using var source = new HftBacktestTextSource([a, b], new TextSourceOptions(new SymbolRegistry()));

        var frames = ReadAll(source);

        Assert.Equal([1000L, 3000L, 3000L, 4000L, 4000L, 5000L], frames.Select(f => f.Time));
        Assert.Equal(2, source.Counters.LocalTimeBackwards);
        var damage = InputDamage.Of(source);
        Assert.Equal(2, damage.LocalTimeBackwards);
        Assert.True(damage.Any);
        Assert.Contains("a.txt line 3: receive time 2000 ns is 1000 ns before the previous line's", damage.FirstProblem);
        Assert.Contains("(2 such line(s) in all)", damage.FirstProblem);
    }

    [Fact]
    public void A_cryptofeed_stream_line_stamped_before_its_predecessor_is_kept_at_the_previous_time_and_counted()
    {
        var http = Write("BINANCE.http.0.0.gz", gzip: true,
            """https://api.binance.com/api/v3/depth?symbol=NKNUSDT&limit=1000 -> 1633998512.5: {"lastUpdateId":7,"bids":[],"asks":[]}""");
        var ws = Write("BINANCE.ws.1.0.gz", gzip: true,
            "wss://stream.binance.com:9443/stream?streams=nknusdt@depth@100ms <-> 1633998511.1",
            """1633998513: {"stream":"nknusdt@depth@100ms","data":{}}""",
            """1633998512: {"stream":"nknusdt@depth@100ms","data":{}}""");
        using var source = TextRecording.Open([http, ws], new TextSourceOptions(new SymbolRegistry()) { AutoRegisterVenue = "binance-spot" });

        var frames = ReadAll(source);

        Assert.Equal([1633998512_500000000L, 1633998513_000000000L, 1633998513_000000000L], frames.Select(f => f.Time));
        Assert.Equal(1, ((CryptofeedTextSource)source).Counters.LocalTimeBackwards);
        Assert.Contains("BINANCE.ws.1.0.gz line 3", InputDamage.Of(source).FirstProblem);
    }

    [Fact]
    public void Missing_file_fails_at_open_with_a_clear_error()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => TextRecording.Open([Path.Combine(_dir, "nope.gz")], new TextSourceOptions(new SymbolRegistry())));
        Assert.Contains("nope.gz", ex.Message);
    }

    [RequiresDataFact]
    public void Real_spot_recording_reads_every_line_as_a_frame_without_allocating_per_line()
    {
        var registry = new SymbolRegistry();
        using var source = new HftBacktestTextSource(TestData.BinanceSpotBtcusdt, new TextSourceOptions(registry) { AutoRegisterVenue = "binance-spot" });
        for (int i = 0; i < 5_000; i++) Assert.True(source.TryRead(out _)); // warm-up: buffer sized, snapshot seen

        long before = GC.GetAllocatedBytesForCurrentThread();
        long n = 5_000;
        while (n < 30_000 && source.TryRead(out _)) n++; // inside the first file: opening the next one allocates its buffers
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        while (source.TryRead(out _)) n++;

        Assert.Equal(99_574, n);
        Assert.Equal(1, source.Counters.Snapshots);
        Assert.Equal(0, source.Counters.Malformed);
        Assert.True(allocated < 1024, $"allocated {allocated} bytes over 25,000 lines");
    }

    private string Write(string name, bool gzip, params string[] lines)
    {
        string path = Path.Combine(_dir, name);
        using Stream file = File.Create(path);
        using Stream s = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
        s.Write(bytes);
        return path;
    }

    private static List<(long Time, FrameOrigin Origin, int Symbol, string Json)> ReadAll(IRawFrameSource source)
    {
        var list = new List<(long, FrameOrigin, int, string)>();
        while (source.TryRead(out var f)) list.Add((f.LocalTimeNs, f.Origin, f.SymbolId, Encoding.UTF8.GetString(f.Payload.Span)));
        return list;
    }
}
