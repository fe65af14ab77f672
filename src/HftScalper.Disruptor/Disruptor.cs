namespace HftScalper.Disruptor;

/// <summary>
/// A ring plus a graph of threaded stages. Wire stages with <see cref="AddStage{THandler}"/>, <see cref="Start"/>,
/// publish through <see cref="RingBuffer"/>, then <see cref="DrainAndStop"/> (process the backlog) or
/// <see cref="Halt"/> (stop now). The producer is gated by the end stage of every branch, so it waits for the
/// slowest one and never overwrites an event some stage still needs. One start per instance.
/// </summary>
/// <example>
/// <code>
///  producer --> book --> inference --> execution      (book runs first; journal beside inference)
///                  \---> journal
/// var d = new Disruptor&lt;MarketEvent&gt;(65536);
/// var book = d.AddStage("book", new BookHandler());
/// var infer = d.AddStage("inference", new InferenceHandler(), book);
/// d.AddStage("journal", new JournalHandler(), book);
/// d.AddStage("execution", new ExecutionHandler(), infer);
/// d.Start();
/// </code>
/// </example>
public sealed class Disruptor<T> : IStageHost, IDisposable
    where T : unmanaged
{
    private readonly DisruptorOptions _options;
    private readonly List<Stage> _stages = [];
    private readonly List<Thread> _threads = [];
    private readonly object _lifecycle = new();
    private int _state; // 0 configuring, 1 running, 2 stopped
    private volatile bool _halted;
    private Exception? _fault;

    /// <summary>
    /// Creates the ring (<paramref name="bufferSize"/> slots, a power of two) for the given producer type.
    /// <paramref name="waitStrategy"/> defaults to <see cref="BlockingWaitStrategy"/>, which sleeps after a few microseconds of spinning.
    /// </summary>
    public Disruptor(int bufferSize, ProducerType producerType = ProducerType.Single, IWaitStrategy? waitStrategy = null, DisruptorOptions? options = null)
    {
        RingBuffer = new RingBuffer<T>(bufferSize, producerType, waitStrategy);
        _options = options ?? new DisruptorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(_options.MaxBatchSize, "options.MaxBatchSize");
    }

    /// <summary>The ring producers claim and publish on.</summary>
    public RingBuffer<T> RingBuffer { get; }

    /// <summary>All stages in the order they were added.</summary>
    public IReadOnlyList<Stage> Stages => _stages;

    /// <summary>True once halted (by <see cref="Halt"/>, <see cref="DrainAndStop"/> or a failure under the halt policy).</summary>
    public bool IsHalted => _halted;

    /// <summary>The failure that halted the pipeline, if one did.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Handler exceptions caught across all stages.</summary>
    public long ExceptionCount => _stages.Sum(s => s.ExceptionCount);

    /// <summary>
    /// Adds a stage running <paramref name="handler"/> on its own thread, behind the producer (no
    /// <paramref name="after"/>) or behind every stage in <paramref name="after"/>. Pass a struct handler so its
    /// <see cref="IEventHandler{T}.OnEvent"/> is inlined. Only before <see cref="Start"/>.
    /// </summary>
    public Stage AddStage<THandler>(string name, THandler handler, params Stage[] after)
        where THandler : IEventHandler<T>
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(after);
        lock (_lifecycle)
        {
            if (_state != 0)
            {
                throw new InvalidOperationException("Stages can only be added before Start.");
            }

            foreach (var upstream in after)
            {
                if (!_stages.Contains(upstream))
                {
                    throw new ArgumentException($"Stage '{upstream.Name}' does not belong to this pipeline.", nameof(after));
                }
            }

            var stage = new EventProcessor<T, THandler>(name, RingBuffer, handler, (Stage[])after.Clone(), this, _options.OnThreadStart, _options.OnThreadExit,
                _options.MaxBatchSize);

            // The producer is gated by the ends of the graph only: the new stage becomes an end, and the stages it
            // follows stop being ends (they can never be behind it).
            RingBuffer.AddGatingSequences(stage.Sequence);
            foreach (var upstream in after)
            {
                RingBuffer.RemoveGatingSequence(upstream.Sequence);
            }

            _stages.Add(stage);
            return stage;
        }
    }

    /// <summary>Starts one thread per stage (named after it; <see cref="DisruptorOptions.OnThreadStart"/> runs first on it).</summary>
    public void Start()
    {
        lock (_lifecycle)
        {
            if (_state != 0)
            {
                throw new InvalidOperationException("A pipeline starts once.");
            }

            if (_stages.Count == 0)
            {
                throw new InvalidOperationException("Add at least one stage before Start.");
            }

            _state = 1;
            foreach (var stage in _stages)
            {
                var thread = new Thread(stage.Run) { Name = stage.Name, IsBackground = _options.BackgroundThreads };
                _threads.Add(thread);
                thread.Start();
            }
        }
    }

    /// <summary>
    /// Stop publishing first. Waits until every end stage has processed everything published, then halts and joins
    /// the threads. Returns false when <paramref name="timeout"/> elapsed or the pipeline halted on a failure before
    /// the backlog drained (the pipeline is halted either way).
    /// </summary>
    public bool DrainAndStop(TimeSpan timeout)
    {
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        long target = PublishedHighWaterMark();
        RingBuffer.SignalConsumers(); // what a producer published quietly and never signalled (RingBuffer.PublishQuiet)
        bool drained = false;
        while (!_halted)
        {
            if (_stages.All(s => s.Sequence.Value >= target))
            {
                drained = true;
                break;
            }

            if (Environment.TickCount64 >= deadline)
            {
                Log($"Drain timed out with the slowest stage at {_stages.Min(s => s.Sequence.Value)} of {target}.");
                break;
            }

            Thread.Sleep(1);
        }

        Halt();
        return drained;
    }

    /// <summary>Stops every stage now (the backlog stays unprocessed), wakes a producer blocked on a full ring, joins threads.</summary>
    public void Halt()
    {
        HaltCore();
        Thread[] threads;
        lock (_lifecycle)
        {
            _state = _state == 0 ? 0 : 2;
            threads = [.. _threads];
        }

        foreach (var thread in threads)
        {
            if (thread != Thread.CurrentThread)
            {
                thread.Join();
            }
        }
    }

    /// <summary>Same as <see cref="Halt"/>.</summary>
    public void Dispose() => Halt();

    bool IStageHost.OnHandlerFailure(Stage stage, long sequence, Exception error)
    {
        bool halt = _options.ExceptionPolicy == ExceptionPolicy.HaltPipeline;
        Log($"Stage '{stage.Name}' handler threw at sequence {sequence}; {(halt ? "halting the pipeline" : "event skipped")}: {error}");
        if (halt)
        {
            Interlocked.CompareExchange(ref _fault, error, null);
            HaltCore();
        }

        return halt;
    }

    void IStageHost.OnFatal(Stage stage, Exception error)
    {
        Log($"Stage '{stage.Name}' cannot run; halting the pipeline: {error}");
        Interlocked.CompareExchange(ref _fault, error, null);
        HaltCore();
    }

    // Signals only: safe from a stage thread (no joins). IsHalted turns true once every alert is raised.
    private void HaltCore()
    {
        foreach (var stage in _stages)
        {
            stage.Barrier.Alert();
        }

        RingBuffer.Halt();
        _halted = true;
    }

    private long PublishedHighWaterMark()
    {
        // Multi-producer cursor counts claims; with producers stopped every claim is published.
        return RingBuffer.Cursor.Value;
    }

    private void Log(string line)
    {
        try
        {
            _options.Log?.Invoke(line);
        }
        catch (Exception)
        {
            // A failing logger must not take the pipeline down with it; the counters still record the failure.
        }
    }
}
