namespace HftScalper.Training.Adaptation;

/// <summary>
/// The one background thread of the adaptation loop (<c>hft-adapt</c>, lowest priority: nice 19 on Linux, see
/// <see cref="ThreadNiceness"/>; <see cref="ThreadPriority.Lowest"/> elsewhere): it runs one retrain at a
/// time and, live, the lifecycle's slow steps (validating a candidate, the health check that promotes or rolls back,
/// which load ONNX sessions), so none of them runs on the pipeline's thread. The pipeline only posts: a job into a
/// single slot (refused while one runs) or a coalesced request for the periodic step, without a lock or an
/// allocation. A job that throws is counted (<see cref="Errors"/>) and the thread goes on.
/// </summary>
public sealed class AdaptWorker : IDisposable
{
    private readonly Thread _thread;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Action? _periodic;
    private readonly Action<Exception>? _onError;
    private Action? _job;
    private int _periodicRequested;
    private volatile bool _stopping;
    private long _errors, _jobs, _maxJobAllocated;
    private readonly int _niceWanted;
    private readonly ManualResetEventSlim _started = new();

    /// <summary>Starts the thread and waits until it has lowered its own priority. <paramref name="periodic"/> runs on
    /// <see cref="RequestPeriodic"/> (coalesced); <paramref name="onError"/> hears a job's exception (on the worker's
    /// thread); <paramref name="nice"/> is the thread's Linux nice value (0..19; 0 leaves it as the pipeline's).</summary>
    public AdaptWorker(Action? periodic = null, Action<Exception>? onError = null, int nice = LowestNice)
    {
        _periodic = periodic;
        _onError = onError;
        _niceWanted = nice;
        _thread = new Thread(Loop) { IsBackground = true, Priority = ThreadPriority.Lowest, Name = ThreadName };
        _thread.Start();
        _started.Wait();
    }

    /// <summary>The worker thread's nice value as the kernel reports it after it lowered itself (null: not applied, see <see cref="PriorityNote"/>).</summary>
    public int? Nice { get; private set; }

    /// <summary>Why <see cref="Nice"/> is null (null when it was applied).</summary>
    public string? PriorityNote { get; private set; }

    /// <summary>The worker thread's kernel id on Linux (-1 elsewhere).</summary>
    public int ThreadId { get; private set; } = -1;

    /// <summary>Most managed bytes one job allocated on the worker thread (a retrain: its copy of the window, the
    /// labels, the trainer's data); bounded by the window's row cap, whatever the run's length.</summary>
    public long MaxJobAllocatedBytes => Interlocked.Read(ref _maxJobAllocated);

    /// <summary>The nice value the worker takes by default on Linux (the lowest priority).</summary>
    public const int LowestNice = 19;

    /// <summary>Name of the worker's thread.</summary>
    public const string ThreadName = "hft-adapt";

    /// <summary>Jobs (and periodic steps) that threw.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Jobs run to their end (thrown or not).</summary>
    public long Jobs => Interlocked.Read(ref _jobs);

    /// <summary>True while a job is posted or running.</summary>
    public bool Busy => Volatile.Read(ref _job) is not null;

    /// <summary>True once <see cref="Stop"/> was called: a long job may check it between its steps.</summary>
    public bool Stopping => _stopping;

    /// <summary>Posts <paramref name="job"/>; false when one is still posted or running, or the worker is stopping.</summary>
    public bool TryPost(Action job)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (_stopping || Interlocked.CompareExchange(ref _job, job, null) is not null) return false;
        _wake.Set();
        return true;
    }

    /// <summary>Asks for the periodic step (after the job in progress, if any); repeated requests before it runs are one.</summary>
    public void RequestPeriodic()
    {
        if (_periodic is null || Interlocked.Exchange(ref _periodicRequested, 1) == 1) return;
        _wake.Set();
    }

    /// <summary>Waits for the job in progress to end; false when <paramref name="timeout"/> passed first.</summary>
    public bool WaitIdle(TimeSpan timeout) => SpinWait.SpinUntil(() => !Busy, timeout);

    /// <summary>
    /// Stops taking work and waits up to <paramref name="bound"/> for the job in progress (a retrain cannot be cut
    /// short). Returns true when the thread ended; false when the job is still running (the thread is a background
    /// one: it does not hold the process).
    /// </summary>
    public bool Stop(TimeSpan bound)
    {
        _stopping = true;
        _wake.Set();
        return _thread.Join(bound);
    }

    private void Loop()
    {
        ThreadId = ThreadNiceness.CurrentThreadId();
        if (_niceWanted > 0)
        {
            Nice = ThreadNiceness.TrySetCurrentThread(_niceWanted, out string? note);
            PriorityNote = note;
        }
        else PriorityNote = "not lowered (nice 0 asked for)";
        _started.Set();
        while (true)
        {
            _wake.WaitOne();
            if (_stopping) break;
            if (Interlocked.Exchange(ref _periodicRequested, 0) == 1) Run(_periodic!);
            if (Volatile.Read(ref _job) is { } job)
            {
                Run(job);
                Volatile.Write(ref _job, null);
                if (Volatile.Read(ref _periodicRequested) == 1) _wake.Set(); // asked for while the job ran
            }
        }
    }

    private void Run(Action job)
    {
        long allocated = GC.GetAllocatedBytesForCurrentThread();
        try { job(); }
#pragma warning disable CA1031 // the worker outlives any one job: whatever a job throws is counted, reported and survived
        catch (Exception e)
#pragma warning restore CA1031
        {
            Interlocked.Increment(ref _errors);
            _onError?.Invoke(e);
        }
        finally
        {
            allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (allocated > Interlocked.Read(ref _maxJobAllocated)) Interlocked.Exchange(ref _maxJobAllocated, allocated);
            Interlocked.Increment(ref _jobs);
        }
    }

    /// <summary>Stops the thread (waits at most 10 s for a job in progress, not at all after <see cref="Stop"/>) and releases the event.</summary>
    public void Dispose()
    {
        if (!Stop(_stopping ? TimeSpan.Zero : TimeSpan.FromSeconds(10))) return; // still running: the event stays alive for it
        _wake.Dispose();
        _started.Dispose();
    }
}
