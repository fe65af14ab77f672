using System.Runtime.CompilerServices;
using HftScalper.Core.Frames;
using HftScalper.Disruptor;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Live;

/// <summary>
/// Records raw frames from live receive loops into the frame journal, off the receive path:
/// <code>
///  receive loop(s) --copy payload--> ring of frame slots (+ side payload buffers) ==> writer thread: JournalWriter
///  (multi-producer: one per stream group)                                              (flush at end of batch)
/// </code>
/// <see cref="Record"/> costs the receive loop one claim, one copy and one publish; it allocates only when a frame
/// is larger than any the slot held before (the side buffers grow to the largest frame seen, e.g. a snapshot).
/// </summary>
/// <remarks>A full ring makes the receive loop wait for the writer rather than lose a frame. If the writer fails
/// (disk full), the ring halts: later frames are counted in <see cref="RecorderCounters.Dropped"/> and logged once,
/// and <see cref="Fault"/> says why.</remarks>
public sealed class LiveJournalRecorder : IDisposable
{
    private const int InitialPayloadBytes = 2048;
    private readonly Disruptor<RecordedFrameSlot> _pipeline;
    private readonly RingBuffer<RecordedFrameSlot> _ring;
    private readonly byte[][] _payloads;
    private readonly int _mask;
    private readonly JournalWriter _writer;
    private readonly Action<string> _log;
    private int _stopped;

    /// <summary>Opens the journal (repairing its newest segment) and starts the writer thread.</summary>
    /// <param name="options">Journal settings (folder, venue, symbols, flush policy).</param>
    /// <param name="ringSize">Frames the ring holds before the receive loops wait (power of two).</param>
    public LiveJournalRecorder(JournalWriterOptions options, int ringSize = 4096)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!int.IsPow2(ringSize) || ringSize < 64) throw new ArgumentOutOfRangeException(nameof(ringSize), "ring size must be a power of two >= 64");
        _log = options.Log ?? Console.Error.WriteLine;
        _writer = new JournalWriter(options with { Kind = JournalKind.Frames });
        _payloads = new byte[ringSize][];
        for (int i = 0; i < ringSize; i++) _payloads[i] = new byte[InitialPayloadBytes];
        _mask = ringSize - 1;
        _pipeline = new Disruptor<RecordedFrameSlot>(ringSize, ProducerType.Multi, new BlockingWaitStrategy(), new DisruptorOptions { Log = _log });
        _pipeline.AddStage("journal", new JournalStageHandler(_writer, _payloads, _mask, Counters));
        _ring = _pipeline.RingBuffer;
        _pipeline.Start();
    }

    /// <summary>What has been written.</summary>
    public RecorderCounters Counters { get; } = new();

    /// <summary>Counters of the journal writer (segments, records, repairs at open).</summary>
    public JournalStats JournalStats => _writer.Stats;

    /// <summary>Why the writer stopped, when it failed.</summary>
    public Exception? Fault => _pipeline.Fault;

    /// <summary>Queues one frame for the journal (the payload is copied before returning). Thread-safe.</summary>
    public void Record(in RawFrame frame)
    {
        if (_pipeline.IsHalted || Volatile.Read(ref _stopped) != 0)
        {
            Dropped();
            return;
        }
        long seq;
        try
        {
            seq = _ring.Next();
        }
        catch (InvalidOperationException)
        {
            Dropped(); // halted while waiting for room
            return;
        }
        var payload = frame.Payload.Span;
        ref var slot = ref _ring[seq];
        ref var buffer = ref _payloads[(int)(seq & _mask)];
        if (buffer.Length < payload.Length) Grow(ref buffer, payload.Length);
        payload.CopyTo(buffer);
        slot.LocalTimeNs = frame.LocalTimeNs;
        slot.SymbolId = frame.SymbolId;
        slot.StreamId = frame.StreamId;
        slot.Length = payload.Length;
        slot.Origin = (byte)frame.Origin;
        _ring.Publish(seq);
    }

    /// <summary>Stops accepting frames, writes everything queued, flushes and closes the segment. Call once the
    /// receive loops have stopped. Returns false when the writer failed or could not drain in time.</summary>
    public bool Stop(TimeSpan timeout)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0) return Fault is null;
        bool drained = _pipeline.DrainAndStop(timeout);
        try
        {
            _writer.Dispose();
        }
        catch (IOException ex)
        {
            _log($"record: closing the journal failed: {ex.Message}");
            return false;
        }
        return drained && Fault is null;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Grow(ref byte[] buffer, int needed) => buffer = new byte[Math.Max(needed, buffer.Length * 2)];

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Dropped()
    {
        if (Counters.Drop() == 1)
            _log($"record: journal writer stopped ({Fault?.Message ?? "recorder stopped"}); frames are no longer recorded");
    }

    /// <summary>Stops (draining for up to 10 s) if not stopped yet.</summary>
    public void Dispose() => Stop(TimeSpan.FromSeconds(10));
}
