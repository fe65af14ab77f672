using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HftScalper.Core.Frames;
using HftScalper.Recording.Journal;
using HftScalper.Trading.Execution;

namespace HftScalper.Recording.Orders;

/// <summary>
/// The order journal: every order request and execution report of a <see cref="TradingDesk"/> (attached as its
/// <see cref="IOrderFlowObserver"/>), written off the hot path into crash-safe journal segments of kind
/// <see cref="JournalKind.Orders"/> (the frame journal's framing: CRC32C per record, torn-tail repair on open), one
/// <see cref="OrderJournalRecord"/> per record, for audit and replay. Read back with <see cref="OrderJournalReader"/>.
/// <code>
///  strategy thread: OnSubmit/OnCancel/OnReplace/OnExecutionReport --copy 128 B--> bounded SPSC ring
///                                                                                   '--> writer thread: append, flush
/// </code>
/// </summary>
/// <remarks>
/// <para>Producer side (one thread: the desk's): a copy into a pre-allocated ring and one volatile store; no lock, no
/// allocation, never blocks. When the ring is full (the disk stalled for <see cref="Capacity"/> records) the record
/// is dropped and counted in <see cref="Dropped"/>, and the writer logs it: the trading thread never waits for a
/// disk.</para>
/// <para>Durability: the writer thread drains whatever is queued, appends it and flushes to the operating system
/// after each drain (about every millisecond while orders flow), so a process crash or kill loses at most the
/// records of the last drain and what was still queued, and the torn tail of a record cut mid-write is detected and
/// cut on the next open or skipped by the reader. A power loss can also lose what the OS had not yet written, unless
/// <see cref="JournalWriterOptions.FsyncOnFlush"/> is set: then each drain's flush is an fsync (durable, slower; the
/// trading thread does not feel it, the ring absorbs it).</para>
/// </remarks>
public sealed class OrderJournalWriter : IOrderFlowObserver, IDisposable
{
    /// <summary>Default ring size (records); 2 MiB of memory.</summary>
    public const int DefaultCapacity = 1 << 14;

    /// <summary>The record origin byte of an order journal record (frames use 1 and 2, event blocks 0).</summary>
    public const byte RecordOrigin = 3;

    private readonly OrderJournalRecord[] _ring;
    private readonly int _mask;
    private readonly JournalWriter _writer;
    private readonly Action<string> _log;
    private readonly Thread _thread;
    private readonly int _idleSleepMs;
    private Cursor _head; // producer
    private Cursor _tail; // writer thread
    private long _dropped;
    private long _droppedReported;
    private long _written;
    private long _failed;
    private volatile bool _stopping;
    private int _disposed;

    // Head and tail on their own cache lines: the producer and the writer thread each write one of them.
    [StructLayout(LayoutKind.Explicit, Size = 128)]
    private struct Cursor
    {
        [FieldOffset(64)] public long Value;
    }

    /// <summary>Opens the journal in <see cref="JournalWriterOptions.Directory"/> (repairing a torn tail left by a
    /// crash there) and starts the writer thread.</summary>
    /// <param name="options">Where and how to write (<see cref="JournalWriterOptions.Symbols"/>: the run's registry,
    /// listed in each segment header so symbol ids can be named; <see cref="JournalWriterOptions.FsyncOnFlush"/>: the
    /// fsync policy above).</param>
    /// <param name="capacity">Ring size in records (a power of two, at least 64).</param>
    /// <param name="idleSleepMs">How long the writer sleeps when the ring is empty.</param>
    public OrderJournalWriter(JournalWriterOptions options, int capacity = DefaultCapacity, int idleSleepMs = 1)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 64);
        if (!int.IsPow2(capacity)) throw new ArgumentException("capacity must be a power of two", nameof(capacity));
        ArgumentOutOfRangeException.ThrowIfNegative(idleSleepMs);
        _log = options.Log ?? Console.Error.WriteLine;
        _writer = new JournalWriter(options with
        {
            Kind = JournalKind.Orders,
            FlushMode = JournalFlushMode.WhenFull, // flushed after each drain
            BufferSize = Math.Max(options.BufferSize, 4096),
            Source = options.Source.Length > 0 ? options.Source : "order journal",
        });
        _ring = GC.AllocateArray<OrderJournalRecord>(capacity, pinned: true);
        _mask = capacity - 1;
        _idleSleepMs = idleSleepMs;
        _thread = new Thread(Run) { IsBackground = true, Name = "order-journal" };
        _thread.Start();
    }

    /// <summary>Records the ring can hold before the writer catches up.</summary>
    public int Capacity => _ring.Length;

    /// <summary>Records written to the journal (any thread).</summary>
    public long Written => Volatile.Read(ref _written);

    /// <summary>Records dropped because the ring was full (each one logged in a count line; any thread).</summary>
    public long Dropped => Volatile.Read(ref _dropped);

    /// <summary>Records lost because the disk refused them (logged; any thread).</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>Counters of the underlying journal writer, and repairs at open (read after <see cref="Dispose"/>).</summary>
    public JournalStats Stats => _writer.Stats;

    /// <inheritdoc />
    public void OnSubmit(in OrderRequest request) => Enqueue(OrderJournalRecord.FromRequest(in request));

    /// <inheritdoc />
    public void OnCancel(ClientOrderId clientOrderId, int symbolId, long nowNs) => Enqueue(OrderJournalRecord.FromCancel(clientOrderId, symbolId, nowNs));

    /// <inheritdoc />
    public void OnReplace(ClientOrderId original, in OrderRequest replacement) =>
        Enqueue(OrderJournalRecord.FromRequest(in replacement, OrderJournalEntryKind.Replace, original.Value));

    /// <inheritdoc />
    public void OnExecutionReport(in ExecutionReport report) => Enqueue(OrderJournalRecord.FromReport(in report));

    /// <summary>Queues one record (single producer). Allocation-free, lock-free, never blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enqueue(in OrderJournalRecord record)
    {
        long head = _head.Value;
        if (head - Volatile.Read(ref _tail.Value) >= _ring.Length)
        {
            Volatile.Write(ref _dropped, _dropped + 1);
            return;
        }
        _ring[head & _mask] = record;
        Volatile.Write(ref _head.Value, head + 1);
    }

    private void Run()
    {
        while (true)
        {
            bool stopping = _stopping;
            long n = Drain();
            ReportDrops();
            if (n == 0)
            {
                if (stopping) return;
                Thread.Sleep(_idleSleepMs);
            }
        }
    }

    // Appends everything queued and flushes; returns how many records were taken.
    private long Drain()
    {
        long start = _tail.Value;
        long head = Volatile.Read(ref _head.Value);
        if (head == start) return 0;
        long nowNs = (DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks) * 100;
        try
        {
            for (long i = start; i < head; i++)
            {
                ref var rec = ref _ring[i & _mask];
                _writer.Append(nowNs, (FrameOrigin)RecordOrigin, rec.SymbolId, rec.Version, MemoryMarshal.AsBytes(new ReadOnlySpan<OrderJournalRecord>(in rec)));
            }
            _writer.Flush();
            Volatile.Write(ref _written, _written + (head - start));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The disk refused: this drain's records are counted lost and logged; the producer never notices.
            Interlocked.Add(ref _failed, head - start);
            _log(string.Create(CultureInfo.InvariantCulture, $"order journal: write failed ({e.Message}): {head - start} record(s) lost"));
        }
        Volatile.Write(ref _tail.Value, head);
        return head - start;
    }

    private void ReportDrops()
    {
        long dropped = Volatile.Read(ref _dropped);
        if (dropped == _droppedReported) return;
        _log(string.Create(CultureInfo.InvariantCulture,
            $"order journal: ring full, {dropped - _droppedReported} record(s) dropped ({dropped} in all): the disk is slower than the order flow"));
        _droppedReported = dropped;
    }

    /// <summary>Writes what is still queued, stops the writer thread and closes the segment (flushed, and fsynced under
    /// <see cref="JournalWriterOptions.FsyncOnFlush"/>). Call after the producer has stopped.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        _stopping = true;
        _thread.Join();
        Drain();
        ReportDrops();
        _writer.Dispose();
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"order journal: written={Written} dropped={Dropped} failed={Failed} {Stats}");
}
