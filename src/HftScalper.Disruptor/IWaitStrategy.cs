namespace HftScalper.Disruptor;

/// <summary>
/// How a thread waits for a sequence to become available: consumers wait for the producer or upstream stages;
/// producers wait for the slowest end consumer when the ring is full. Implementations are interchangeable policies
/// trading latency for CPU. Use one instance per ring (the blocking strategy shares one monitor among its waiters).
/// </summary>
public interface IWaitStrategy
{
    /// <summary>
    /// Waits until <c>dependents.Min() &gt;= sequence</c> and returns that minimum (which may be higher than
    /// <paramref name="sequence"/>: the caller then handles the whole batch). Returns <see cref="WaitResult.Alerted"/>
    /// when <paramref name="alert"/> is raised, or <see cref="WaitResult.TimedOut"/> when the strategy has a timeout
    /// that elapsed. Never throws on these paths.
    /// </summary>
    long WaitFor(long sequence, SequenceGroup dependents, AlertFlag alert);

    /// <summary>
    /// Wakes threads blocked in <see cref="WaitFor"/> after a sequence moved (publish, consumer progress, alert).
    /// Non-blocking strategies do nothing; callers skip the call entirely when <see cref="IsBlocking"/> is false.
    /// </summary>
    void SignalAllWhenBlocking();

    /// <summary>True when waiters sleep on a signal, so sequence writers must call <see cref="SignalAllWhenBlocking"/>.</summary>
    bool IsBlocking { get; }
}
