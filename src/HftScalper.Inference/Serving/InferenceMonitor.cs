using System.Diagnostics;
using System.Runtime.CompilerServices;
using HdrHistogram;

namespace HftScalper.Inference.Serving;

/// <summary>
/// Per-model counters: an HdrHistogram of run latency (ns), a histogram of batch sizes, predictions (rows) and
/// problem counts. One writer (the inference thread) records without allocating or locking; any thread may read
/// (the latency histogram through HdrHistogram's <see cref="Recorder"/>, whose interval swap is safe against a
/// concurrent writer; counters through volatile reads).
/// </summary>
public sealed class InferenceMonitor
{
    /// <summary>Largest latency recorded as-is (10 s); longer runs are clamped so recording never throws.</summary>
    public const long MaxTrackableNanos = 10_000_000_000;

    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;
    private readonly Recorder _latency;
    private readonly long[] _batchSizes;
    private long _predictions;
    private long _runs;
    private long _nonFinite;
    private long _runtimeErrors;
    private long _invalidCalls;

    /// <summary>Creates a monitor for batches of 1..<paramref name="maxBatch"/>.</summary>
    public InferenceMonitor(int maxBatch)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBatch);
        _latency = HistogramFactory.With64BitBucketSize().WithValuesFrom(1).WithValuesUpTo(MaxTrackableNanos)
            .WithPrecisionOf(3).WithThreadSafeReads().Create();
        _batchSizes = new long[maxBatch + 1];
    }

    /// <summary>Rows predicted (sum of batch sizes of successful runs).</summary>
    public long Predictions => Volatile.Read(ref _predictions);

    /// <summary>Successful ORT runs.</summary>
    public long Runs => Volatile.Read(ref _runs);

    /// <summary>Runs whose outputs contained NaN or infinity.</summary>
    public long NonFiniteOutputs => Volatile.Read(ref _nonFinite);

    /// <summary>Runs that ONNX Runtime failed.</summary>
    public long RuntimeErrors => Volatile.Read(ref _runtimeErrors);

    /// <summary>Calls refused for a bad batch size or short spans.</summary>
    public long InvalidCalls => Volatile.Read(ref _invalidCalls);

    /// <summary>Runs seen with batch size <paramref name="batch"/>.</summary>
    public long RunsWithBatch(int batch) => (uint)batch < (uint)_batchSizes.Length ? Volatile.Read(ref _batchSizes[batch]) : 0;

    /// <summary>
    /// Latency histogram (ns) since the previous call, moved out of the recorder. Allocates a histogram: call it
    /// from the monitoring side, not the hot path.
    /// </summary>
    public HistogramBase TakeLatencyInterval() => _latency.GetIntervalHistogram();

    /// <summary>
    /// Whether the session times its runs into the latency histogram (default true). A run without a reader of that
    /// histogram (no <c>/metrics</c>, no dashboard: a plain <c>hft replay</c>) turns it off before the first run and
    /// saves two clock reads and a histogram record per run; every counter is kept either way. Set it before runs
    /// start (a plain field, read by the inference thread).
    /// </summary>
    public bool TimesRuns { get; set; } = true;

    /// <summary>The start of a run for <see cref="EndRun"/>: a <see cref="Stopwatch"/> timestamp when
    /// <see cref="TimesRuns"/>, else 0 (no clock read). For the serving paths that time a run around their own work.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public long StartRun() => TimesRuns ? Stopwatch.GetTimestamp() : 0;

    /// <summary>Records one successful run begun at <paramref name="start"/> (from <see cref="StartRun"/>): timed when
    /// it is a timestamp, counted only when it is 0. Allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void EndRun(long start, int batch)
    {
        if (start != 0) RecordRun(Stopwatch.GetTimestamp() - start, batch);
        else RecordUntimedRun(batch);
    }

    /// <summary>Records one successful run. Allocation-free.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordRun(long elapsedTicks, int batch)
    {
        long ns = (long)(elapsedTicks * NanosPerTick);
        _latency.RecordValue(ns < 1 ? 1 : ns > MaxTrackableNanos ? MaxTrackableNanos : ns);
        RecordUntimedRun(batch);
    }

    /// <summary>Records one successful run that was not timed (<see cref="TimesRuns"/> off): the counters only.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void RecordUntimedRun(int batch)
    {
        Volatile.Write(ref _batchSizes[batch], _batchSizes[batch] + 1);
        Volatile.Write(ref _predictions, _predictions + batch);
        Volatile.Write(ref _runs, _runs + 1);
    }

    /// <summary>Counts a run whose outputs were not all finite.</summary>
    public void RecordNonFinite() => Volatile.Write(ref _nonFinite, _nonFinite + 1);

    /// <summary>Counts a failed run.</summary>
    public void RecordRuntimeError() => Volatile.Write(ref _runtimeErrors, _runtimeErrors + 1);

    /// <summary>Counts a refused call.</summary>
    public void RecordInvalidCall() => Volatile.Write(ref _invalidCalls, _invalidCalls + 1);
}
