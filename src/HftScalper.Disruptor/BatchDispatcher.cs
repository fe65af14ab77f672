using System.Runtime.CompilerServices;

namespace HftScalper.Disruptor;

/// <summary>The batch loop shared by threaded stages and inline consumers.</summary>
internal static class BatchDispatcher
{
    /// <summary>
    /// Runs <paramref name="handler"/> over <c>[next, available]</c>. Returns <paramref name="available"/> with a null
    /// <paramref name="error"/>, or the failing sequence with the exception (events before it were handled).
    /// Generic over <typeparamref name="THandler"/> so a struct handler is inlined into this loop.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static long Dispatch<T, THandler>(RingBuffer<T> ring, ref THandler handler, long next, long available, out Exception? error)
        where T : unmanaged
        where THandler : IEventHandler<T>
    {
        long sequence = next;
        try
        {
            handler.OnBatchStart(next, available - next + 1);
            for (; sequence <= available; sequence++)
            {
                handler.OnEvent(ref ring[sequence], sequence, sequence == available);
            }

            error = null;
            return available;
        }
        catch (Exception ex)
        {
            error = ex;
            return sequence;
        }
    }
}
