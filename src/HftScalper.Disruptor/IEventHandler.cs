namespace HftScalper.Disruptor;

/// <summary>
/// A stage's logic, called on the stage's own thread for every event in sequence order. Implement it on a
/// <c>struct</c> (or a sealed class) and pass it as a generic argument: processors are generic over
/// <c>THandler</c>, so for a struct the JIT compiles a specialised loop and inlines <see cref="OnEvent"/> — no
/// interface dispatch per event. That is the reason for the generic parameter instead of an interface field.
/// </summary>
/// <typeparam name="T">The ring's event type.</typeparam>
public interface IEventHandler<T>
    where T : unmanaged
{
    /// <summary>
    /// Called once per batch before its events: the batch is <paramref name="firstSequence"/> ..
    /// <c>firstSequence + count - 1</c>. A stage that fell behind gets one large batch (e.g. one inference call).
    /// </summary>
    void OnBatchStart(long firstSequence, long count);

    /// <summary>
    /// Handles one event in place. <paramref name="endOfBatch"/> is true for the last event currently available:
    /// flush per-batch work there. Throwing is handled by the pipeline's <see cref="ExceptionPolicy"/>.
    /// </summary>
    void OnEvent(ref T e, long sequence, bool endOfBatch);
}
