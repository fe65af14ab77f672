using System.Reflection;
using System.Text;
using HftScalper.Core.Symbols;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Orders;
using HftScalper.Trading.Execution;
using HftScalper.Tests.Shared;

namespace HftScalper.Recording.Tests.Orders;

public sealed class OrderJournalTests
{
    private static SymbolRegistry Btc()
    {
        var symbols = new SymbolRegistry();
        symbols.Register("BTCUSDT", "binance-spot", 2, 5);
        return symbols;
    }

    private static OrderJournalWriter Open(string dir, List<string>? log = null, int capacity = OrderJournalWriter.DefaultCapacity) =>
        new(new JournalWriterOptions { Directory = dir, Symbols = Btc(), Log = m => { lock (log ?? []) log?.Add(m); } }, capacity);

    private static OrderRequest Order(long id, long t) => new()
    {
        ClientOrderId = new ClientOrderId(id), SymbolId = 0, Side = OrderSide.Sell, Type = OrderType.PostOnly, ReduceOnly = true,
        PriceTicks = 6_183_073, QuantityLots = 4_971, TimeNs = t, Sequence = 14_510, IngressTicks = 77,
    };

    private static ExecutionReport Fill(long id, long t) => new()
    {
        Kind = ExecutionReportKind.PartialFill, Side = OrderSide.Sell, OrderType = OrderType.PostOnly, Liquidity = Liquidity.Maker,
        SymbolId = 0, ClientOrderId = new ClientOrderId(id), OrderPriceTicks = 6_183_073, LastPriceTicks = 6_183_073,
        LastQuantityLots = 1_000, CumulativeQuantityLots = 1_000, LeavesQuantityLots = 3_971, Fee = -12, ExchangeTimeNs = t, ReceiveTimeNs = t + 900,
    };

    private static List<OrderJournalRecord> ReadAll(string dir, List<string>? log, out JournalStats stats)
    {
        using var reader = new OrderJournalReader(dir, m => log?.Add(m));
        var list = new List<OrderJournalRecord>();
        while (reader.TryRead(out var r)) list.Add(r);
        stats = reader.Stats;
        return list;
    }

    [Fact]
    public void Requests_and_reports_read_back_exactly_as_written_in_order()
    {
        using var dir = new TempDir();
        using (var w = Open(dir.Path))
        {
            w.OnSubmit(Order(1, 100));
            w.OnCancel(new ClientOrderId(1), 0, 200);
            w.OnReplace(new ClientOrderId(1), Order(2, 300));
            w.OnExecutionReport(Fill(2, 400));
        }

        var records = ReadAll(dir.Path, null, out var stats);

        Assert.Equal(
            [OrderJournalEntryKind.New, OrderJournalEntryKind.Cancel, OrderJournalEntryKind.Replace, OrderJournalEntryKind.Report],
            records.Select(r => r.Entry));
        Assert.Equal(OrderJournalRecord.FromRequest(Order(1, 100)), records[0]);
        Assert.Equal((1L, 200L, OrderSide.None), (records[1].ClientOrderId, records[1].TimeNs, records[1].Side));
        Assert.Equal((2L, 1L, true), (records[2].ClientOrderId, records[2].OriginalClientOrderId, records[2].ReduceOnly));
        var fill = records[3];
        Assert.Equal((ExecutionReportKind.PartialFill, Liquidity.Maker, 6_183_073L, 1_000L, -12L, 3_971L, 400L, 1_300L),
            (fill.ReportKind, fill.Liquidity, fill.LastPriceTicks, fill.LastQuantityLots, fill.Fee, fill.LeavesQuantityLots, fill.TimeNs, fill.ReceiveTimeNs));
        Assert.Equal((4L, 0L, 0L), (stats.Records, stats.TornTails, stats.CorruptRecords));
        Assert.Equal(JournalKind.Orders, JournalDirectory.ReadHeader(dir.Path)!.Kind);
    }

    [Fact]
    public void A_torn_tail_is_reported_and_counted_and_the_good_prefix_is_kept()
    {
        using var dir = new TempDir();
        using (var w = Open(dir.Path))
            for (int i = 1; i <= 10; i++) w.OnSubmit(Order(i, i));
        string segment = JournalDirectory.ListSegments(dir.Path).Single();
        using (var f = new FileStream(segment, FileMode.Open, FileAccess.Write))
            f.SetLength(f.Length - 50); // a crash in the middle of the last record

        var log = new List<string>();
        var records = ReadAll(dir.Path, log, out var stats);

        Assert.Equal(Enumerable.Range(1, 9).Select(i => (long)i), records.Select(r => r.ClientOrderId));
        Assert.Equal(1L, stats.TornTails);
        Assert.Contains(log, l => l.Contains("torn tail", StringComparison.Ordinal));

        // The next run's writer cuts the tail off before it starts a new segment: nothing is lost twice, nothing added.
        var repairLog = new List<string>();
        using (var w = Open(dir.Path, repairLog)) w.OnSubmit(Order(11, 11));
        Assert.Contains(repairLog, l => l.Contains("truncated", StringComparison.Ordinal));
        var after = ReadAll(dir.Path, null, out var afterStats);
        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => (long)i), 11L], after.Select(r => r.ClientOrderId));
        Assert.Equal(0L, afterStats.TornTails);
    }

    [Fact]
    public void A_damaged_record_costs_only_itself()
    {
        using var dir = new TempDir();
        using (var w = Open(dir.Path))
            for (int i = 1; i <= 5; i++) w.OnSubmit(Order(i, i));
        string segment = JournalDirectory.ListSegments(dir.Path).Single();
        var bytes = File.ReadAllBytes(segment);
        int record = JournalFormat.RecordSize(OrderJournalRecord.Size);
        bytes[bytes.Length - (3 * record) + 60] ^= 0x40; // a bit flip inside the third record's payload
        File.WriteAllBytes(segment, bytes);

        var records = ReadAll(dir.Path, null, out var stats);

        Assert.Equal([1L, 2L, 4L, 5L], records.Select(r => r.ClientOrderId));
        Assert.Equal(1L, stats.CorruptRecords);
    }

    [Fact]
    public void Journaling_an_order_allocates_nothing_on_the_trading_thread()
    {
        using var dir = new TempDir();
        using var w = Open(dir.Path, capacity: 1 << 16);
        var order = Order(1, 1);
        var fill = Fill(1, 2);
        for (int i = 0; i < 1000; i++) { w.OnSubmit(in order); w.OnExecutionReport(in fill); } // warm up (JIT)

        long allocated = SteadyStateAllocation.FewestBytes(() =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                w.OnSubmit(in order);
                w.OnCancel(order.ClientOrderId, 0, i);
                w.OnReplace(order.ClientOrderId, in order);
                w.OnExecutionReport(in fill);
            }
        });

        Assert.Equal(0L, allocated);
    }

    [Fact]
    public void A_full_ring_drops_and_counts_instead_of_blocking_the_trading_thread()
    {
        using var dir = new TempDir();
        var log = new List<string>();
        var w = new OrderJournalWriter(new JournalWriterOptions { Directory = dir.Path, Symbols = Btc(), Log = m => { lock (log) log.Add(m); } },
            capacity: 64, idleSleepMs: 200);
        var order = Order(1, 1);
        Thread.Sleep(50); // the writer is asleep: nothing drains the ring for a while
        for (int i = 0; i < 1000; i++) w.OnSubmit(in order);
        w.Dispose();

        Assert.True(w.Dropped > 0);
        Assert.Equal(1000L, w.Written + w.Dropped);                  // every record written or counted
        Assert.Contains(log, l => l.Contains("dropped", StringComparison.Ordinal));
    }

    [Fact]
    public void The_record_holds_numbers_only_so_no_key_can_reach_the_journal()
    {
        // The layout itself: only integers and enums (a string or array field could carry a key or a signature).
        foreach (var f in typeof(OrderJournalRecord).GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
            Assert.True(f.FieldType.IsPrimitive || f.FieldType.IsEnum, $"{f.Name} is {f.FieldType}");
        Assert.Equal(OrderJournalRecord.Size, System.Runtime.CompilerServices.Unsafe.SizeOf<OrderJournalRecord>());

        // And the file: with keys in the environment of the process, none of their text is in any byte written.
        const string apiKey = "vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A";
        const string secret = "NhqPtmdSJYdKjVHjA7PZj4Mge3R5YNiP1e3UZjInClVN65XAbvqqM6A7H5fATj0j";
        Environment.SetEnvironmentVariable("HFT_BINANCE_API_KEY", apiKey);
        Environment.SetEnvironmentVariable("HFT_BINANCE_API_SECRET", secret);
        try
        {
            using var dir = new TempDir();
            using (var w = Open(dir.Path))
            {
                w.OnSubmit(Order(1, 1));
                w.OnExecutionReport(Fill(1, 2));
            }
            var text = Encoding.Latin1.GetString(File.ReadAllBytes(JournalDirectory.ListSegments(dir.Path).Single()));
            Assert.DoesNotContain(apiKey[..12], text, StringComparison.Ordinal);
            Assert.DoesNotContain(secret[..12], text, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("HFT_BINANCE_API_KEY", null);
            Environment.SetEnvironmentVariable("HFT_BINANCE_API_SECRET", null);
        }
    }

    [Fact]
    public void The_frame_and_event_readers_refuse_an_order_journal()
    {
        using var dir = new TempDir();
        using (var w = Open(dir.Path)) w.OnSubmit(Order(1, 1));
        var log = new List<string>();
        using var frames = new JournalReader(dir.Path, log.Add);
        Assert.False(frames.TryRead(out _));
        Assert.Contains(log, l => l.Contains("holds orders", StringComparison.Ordinal));
    }
}
