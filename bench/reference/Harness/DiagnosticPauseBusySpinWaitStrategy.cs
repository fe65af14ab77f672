using System.Threading;
using Disruptor;

namespace RingRef
{
    /// <summary>DIAGNOSTIC ONLY (not upstream): Disruptor-net's BusySpinWaitStrategy plus HftScalper's pause per re-check.</summary>
    public sealed class DiagnosticPauseBusySpinWaitStrategy : IWaitStrategy
    {
        public bool IsBlockingStrategy => false;

        public SequenceWaitResult WaitFor(long sequence, DependentSequenceGroup dependentSequences, CancellationToken cancellationToken)
        {
            long availableSequence;

            while ((availableSequence = dependentSequences.Value) < sequence)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Thread.SpinWait(1);
            }

            return availableSequence;
        }

        public void SignalAllWhenBlocking()
        {
        }
    }
}
