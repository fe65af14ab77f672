using System.Text;
using System.Text.Json;
using HftScalper.Core.Frames;
using HftScalper.Core.Symbols;
using HftScalper.Simulator.Statistics;

namespace HftScalper.Simulator.Tests;

public sealed class StreamConsistencyTests
{
    private static MarketSimulatorSource Source(string symbols, double minutes, ulong seed = 3, SymbolRegistry? registry = null) =>
        new(SimulatorOptions.For(symbols, TimeSpan.FromMinutes(minutes), seed), registry);

    [Fact]
    public void Replays_under_binance_sync_rules_without_gaps_or_crossed_books()
    {
        using var source = Source("btcusdt", 2);

        var r = MarketStatistics.Measure(source);

        Assert.Equal(0, r.BadLines);
        Assert.Equal(0, r.Gaps);
        Assert.Equal(0, r.Crossed);
        Assert.True(r.DiffsApplied > 1_000, $"{r.DiffsApplied} diffs applied");
        Assert.True(r.DiffsDropped >= 1, "the first diffs predate the snapshot and must be dropped");
        Assert.True(r.TickersChecked > 100, $"{r.TickersChecked} bookTickers checkable against the rebuilt book");
        Assert.Equal(0, r.TickersMismatched);
    }

    [Fact]
    public void Update_ids_chain_and_local_times_never_go_back()
    {
        using var source = Source("btcusdt", 1);
        long prevU = -1, prevTs = 0, prevTicker = 0, prevTrade = 0, snapshotId = -1;
        int snapshots = 0, diffs = 0;
        bool straddled = false;

        while (source.TryRead(out var f))
        {
            Assert.True(f.LocalTimeNs >= prevTs, "local time went back");
            prevTs = f.LocalTimeNs;
            using var doc = JsonDocument.Parse(f.Payload);
            var root = doc.RootElement;
            if (f.Origin == FrameOrigin.RestSnapshot)
            {
                snapshots++;
                snapshotId = root.GetProperty("lastUpdateId").GetInt64();
                Assert.Equal(1000, root.GetProperty("bids").GetArrayLength());
                Assert.Equal(1000, root.GetProperty("asks").GetArrayLength());
                continue;
            }
            var data = root.GetProperty("data");
            string stream = root.GetProperty("stream").GetString()!;
            if (stream == "btcusdt@depth@100ms")
            {
                long first = data.GetProperty("U").GetInt64(), last = data.GetProperty("u").GetInt64();
                if (prevU >= 0) Assert.Equal(prevU + 1, first);
                Assert.True(last >= first);
                if (snapshotId >= 0 && first <= snapshotId + 1 && snapshotId + 1 <= last) straddled = true;
                prevU = last;
                diffs++;
            }
            else if (stream == "btcusdt@bookTicker")
            {
                long u = data.GetProperty("u").GetInt64();
                Assert.True(u > prevTicker);
                prevTicker = u;
                Assert.True(Decimal(data, "b") < Decimal(data, "a"), "bookTicker crossed");
            }
            else
            {
                Assert.Equal("btcusdt@trade", stream);
                long t = data.GetProperty("t").GetInt64();
                Assert.Equal(prevTrade == 0 ? t : prevTrade + 1, t);
                prevTrade = t;
                Assert.True(data.GetProperty("E").GetInt64() >= data.GetProperty("T").GetInt64());
            }
        }

        Assert.Equal(1, snapshots);
        Assert.True(straddled, "one diff must straddle the snapshot's lastUpdateId");
        Assert.InRange(diffs, 550, 601);
    }

    [Fact]
    public void Snapshot_frames_carry_the_registry_symbol_id_and_streams_merge_in_time_order()
    {
        var registry = new SymbolRegistry();
        registry.Register("SOLUSDT", "binance-spot", 2, 3);
        using var source = Source("btcusdt,ethusdt", 0.5, registry: registry);
        var snapshotIds = new List<int>();
        var streams = new HashSet<string>();
        long prev = 0;

        while (source.TryRead(out var f))
        {
            Assert.True(f.LocalTimeNs >= prev);
            prev = f.LocalTimeNs;
            if (f.Origin == FrameOrigin.RestSnapshot) snapshotIds.Add(f.SymbolId);
            else
            {
                Assert.Equal(-1, f.SymbolId);
                using var doc = JsonDocument.Parse(f.Payload);
                streams.Add(doc.RootElement.GetProperty("stream").GetString()!);
            }
        }

        Assert.True(registry.TryGet("ETHUSDT", out var eth));
        Assert.Equal(4, eth!.QuantityDecimals);
        Assert.Equal(new[] { 1, 2 }, snapshotIds.Order().ToArray());
        Assert.Equal(6, streams.Count);
    }

    [Fact]
    public void Prices_and_quantities_are_printed_like_binance()
    {
        using var source = Source("btcusdt", 0.1);
        Assert.True(source.TryRead(out _));
        Assert.True(source.TryRead(out var f));

        string json = Encoding.UTF8.GetString(f.Payload.Span);
        using var doc = JsonDocument.Parse(json);
        var data = doc.RootElement.GetProperty("data");
        string price = data.TryGetProperty("b", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : data.GetProperty("p").GetString()!;

        Assert.Matches(@"^\d+\.\d{8}$", price);
        Assert.DoesNotContain(" ", json);
    }

    [Fact]
    public void Writes_gzip_when_the_name_ends_in_gz_and_the_lines_read_back()
    {
        string dir = Directory.CreateTempSubdirectory("hft-sim-").FullName;
        try
        {
            string plain = Path.Combine(dir, "s.txt"), gz = Path.Combine(dir, "s.gz");
            long n1, n2;
            using (var s = Source("btcusdt", 0.2)) using (var o = RawLineFile.Create(plain)) n1 = RawLineFile.WriteAll(s, o);
            using (var s = Source("btcusdt", 0.2)) using (var o = RawLineFile.Create(gz)) n2 = RawLineFile.WriteAll(s, o);

            var a = RawLineFile.ReadLines(plain).ToList();
            var b = RawLineFile.ReadLines(gz).ToList();

            Assert.Equal(n1, n2);
            Assert.Equal(n1, a.Count);
            Assert.Equal(a, b);
            Assert.True(new FileInfo(gz).Length < new FileInfo(plain).Length / 3);
            Assert.All(a, l => Assert.True(l.LocalTimeNs > SimulatorOptions.DefaultStartEpochNs));
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Reading_frames_allocates_nothing_per_frame_in_steady_state()
    {
        using var source = Source("btcusdt", 30);
        for (int i = 0; i < 50_000; i++) Assert.True(source.TryRead(out _));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 200_000; i++) source.TryRead(out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // Buffers may still grow once or twice to a new largest burst; per-frame allocation would be megabytes.
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes for 200k frames");
    }

    [Theory]
    [InlineData(1UL)] // seed 1: a sweep of over 128 frames at frame 1,990 used to grow the frame table (64 -> 256, 9 KB)
    [InlineData(5UL)] // seeds 1, 3, 5, 6, 7 all grew it within 10 minutes; 2, 4, 8 did not
    public void Large_sweeps_allocate_nothing_after_construction(ulong seed)
    {
        var options = SimulatorOptions.Default with { Duration = TimeSpan.FromMinutes(10), Seed = seed };
        // A first, unmeasured run of the same seed takes the process's one-time costs (static initialisers, code that
        // tiers up mid-run: 24 B to 8 KB seen on a loaded machine, a different seed each time). The measured run is a
        // new instance, so anything the simulator grows per instance (the frame table of the original bug) grows again.
        using (var warm = new MarketSimulatorSource(options))
            while (warm.TryRead(out _)) { }

        // Up to three measured instances, each new: a per-instance growth (the original bug: 9 KB in every instance of
        // these seeds) allocates in all of them, while a one-time runtime cost that still lands after the warm run (CI saw
        // 7,792 B once, on a machine where the same build had passed twice) does not recur, so the least is 0.
        long least = long.MaxValue;
        for (int attempt = 0; attempt < 3 && least != 0; attempt++)
        {
            using var source = new MarketSimulatorSource(options);
            Assert.True(source.TryRead(out _));

            long frames = 1;
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (source.TryRead(out _)) frames++;
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.True(frames > 50_000, $"{frames} frames");
            least = Math.Min(least, allocated);
        }
        Assert.Equal(0, least);
    }

    private static decimal Decimal(JsonElement e, string name) =>
        decimal.Parse(e.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
