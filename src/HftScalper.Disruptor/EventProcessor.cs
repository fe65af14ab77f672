using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>
/// A threaded stage: waits on its barrier, hands each available batch to its handler, publishes its progress.
/// Generic over <typeparamref name="THandler"/> so a struct handler is inlined into the batch loop (no interface
/// call per event).
/// </summary>
internal sealed class EventProcessor<T, THandler> : Stage
    where T : unmanaged
    where THandler : IEventHandler<T>
{
    private readonly RingBuffer<T> _ring;
    private readonly SequenceBarrier _barrier;
    private readonly IWaitStrategy _strategy;
    private readonly bool _signal;
    private readonly IStageHost _host;
    private readonly Action<string>? _onThreadStart;
    private readonly Action<string>? _onThreadExit;
    private readonly long _maxBatch;
    private THandler _handler;

    public EventProcessor(
        string name,
        RingBuffer<T> ring,
        THandler handler,
        Stage[] upstream,
        IStageHost host,
        Action<string>? onThreadStart,
        Action<string>? onThreadExit = null,
        int maxBatchSize = 0) // 0 = uncapped (validated by Disruptor)
        : base(name, upstream)
    {
        _maxBatch = maxBatchSize == 0 ? long.MaxValue : maxBatchSize;
        _ring = ring;
        _handler = handler;
        _barrier = ring.NewBarrier(upstream.Select(s => s.Sequence).ToArray());
        _strategy = ring.WaitStrategy;
        _signal = _strategy.IsBlocking;
        _host = host;
        _onThreadStart = onThreadStart;
        _onThreadExit = onThreadExit;
    }

    internal override SequenceBarrier Barrier => _barrier;

    internal override void Run()
    {
        Volatile.Write(ref RunningFlag, 1);
        try
        {
            if (!RunThreadStartHook())
            {
                return;
            }

            Loop();
        }
        finally
        {
            RunThreadExitHook();
            Volatile.Write(ref RunningFlag, 0);
        }
    }

    private void Loop()
    {
        var barrier = _barrier;
        long next = Sequence.Value + 1;
        var spinner = default(SpinWait);
        while (!barrier.IsAlerted)
        {
            long available = barrier.WaitFor(next);
            if (available >= next)
            {
                // Capped, the stage publishes (and frees) every _maxBatch events instead of once per backlog
                // (DisruptorOptions.MaxBatchSize).
                if (available - next >= _maxBatch)
                {
                    available = next + _maxBatch - 1;
                }

                BatchCounter++; // this thread's only: a plain write, read by others after the stop
                long done = BatchDispatcher.Dispatch(_ring, ref _handler, next, available, out var error);
                if (error is not null)
                {
                    if (!OnFailure(done, error))
                    {
                        return;
                    }

                    next = done + 1;
                    continue;
                }

                Publish(available);
                next = available + 1;
                spinner.Reset();
            }
            else if (available > WaitResult.TimedOut)
            {
                // A multi-producer slot is claimed but not yet published: its producer is mid-write. Back off
                // (spin, then yield, then brief sleeps) instead of hammering a core that producer may need.
                spinner.SpinOnce();
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Publish(long sequence)
    {
        Sequence.SetValue(sequence);
        if (_signal)
        {
            // Downstream stages and a producer waiting on a full ring sleep on the same monitor.
            _strategy.SignalAllWhenBlocking();
        }
    }

    /// <summary>Counts and logs; skip marks the event done, halt leaves it unprocessed. False = leave the loop.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool OnFailure(long sequence, Exception error)
    {
        Interlocked.Increment(ref ExceptionCounter);
        bool halt = _host.OnHandlerFailure(this, sequence, error);
        Publish(halt ? sequence - 1 : sequence);
        return !halt;
    }

    private void RunThreadExitHook()
    {
        try
        {
            _onThreadExit?.Invoke(Name);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref ExceptionCounter);
            _host.OnFatal(this, new InvalidOperationException($"Thread exit hook of stage '{Name}' failed.", ex));
        }
    }

    private bool RunThreadStartHook()
    {
        if (_onThreadStart is null)
        {
            return true;
        }

        try
        {
            _onThreadStart(Name);
            return true;
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref ExceptionCounter);
            _host.OnFatal(this, new InvalidOperationException($"Thread start hook of stage '{Name}' failed.", ex));
            return false;
        }
    }
}
