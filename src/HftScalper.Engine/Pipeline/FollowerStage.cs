using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// The last consumer of a run with an <see cref="IDecisionFollower"/>: hands it each decision the strategy has taken.
/// Inline it runs after the strategy and the shadow on each publish; threaded it is gated on the strategy.
/// </summary>
internal sealed class FollowerStage(EventSideBuffer side, DecisionRing decisions, IDecisionFollower follower)
{
    private bool _started;

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent e, long sequence)
    {
        if (!_started && e.ExchangeTimeNs > 0) Start(e.ExchangeTimeNs); // a snapshot's events carry no exchange time
        long d = side.DecisionOf(sequence);
        if (d < 0) return;
        ref var r = ref decisions.Record(d);
        follower.OnDecision(new FollowedDecision(d, r.ExchangeTimeNs, r.MidTicks, r.SymbolId, r.BookSynced, r.ModelStatus), decisions.Row(d), decisions.Scores(d));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Start(long exchangeTimeNs)
    {
        _started = true;
        follower.OnFirstEvent(exchangeTimeNs);
    }

    /// <summary>The ring handler wrapping this stage.</summary>
    public readonly struct Handler(FollowerStage stage) : IEventHandler<MarketEvent>
    {
        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) { }

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnEvent(ref e, sequence);
    }
}
