using System.Diagnostics;
using System.Runtime.CompilerServices;
using HftScalper.Core.Events;
using HftScalper.Disruptor;
using HftScalper.Engine.Features;
using HftScalper.Inference.Lifecycle;

namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Stage A: the book and the features. Every event goes through the <see cref="BookFeatureProcessor"/> (the same
/// code dataset replay runs, so training rows equal live rows); a decision writes its feature row and record into
/// the <see cref="DecisionRing"/> and marks the event slot with the decision's index.
/// </summary>
internal sealed class BookFeatureStage
{
    private readonly BookFeatureProcessor _processor;
    private readonly EventSideBuffer _side;
    private readonly DecisionRing _decisions;
    private readonly CanaryRows? _canary;
    private readonly DecisionDepthCache _depths = new();
    private long _nextDecision;
    private int _messageEvents;
    private long _handledThrough = -1; // the last sequence of a depth message handled whole

    /// <summary>
    /// A stage running <paramref name="processor"/> and writing decisions into <paramref name="decisions"/>; synced
    /// decisions' rows are also copied into <paramref name="canary"/> when given (recent real inputs for validation).
    /// </summary>
    public BookFeatureStage(BookFeatureProcessor processor, EventSideBuffer side, DecisionRing decisions, CanaryRows? canary = null)
    {
        if (processor.Features.Width != decisions.RowWidth)
            throw new ArgumentException($"decision rows are {decisions.RowWidth} wide, the feature engine writes {processor.Features.Width}");
        _processor = processor;
        _side = side;
        _decisions = decisions;
        if (canary is not null && canary.Width != decisions.RowWidth)
            throw new ArgumentException($"canary rows are {canary.Width} wide, decision rows {decisions.RowWidth}");
        _canary = canary;
    }

    /// <summary>Decisions made so far (written only by the stage thread).</summary>
    public long Decisions => Volatile.Read(ref _nextDecision);

    /// <summary>The processor (book synchronizer and feature engine).</summary>
    public BookFeatureProcessor Processor => _processor;

    /// <summary>Handles one event.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnEvent(ref MarketEvent e, long sequence)
    {
        long d = _nextDecision;
        // Events of the message so far, this one included (the latency breakdown's message size).
        int inMessage = ++_messageEvents;
        if (e.IsLastInMessage || e.Kind is not (MarketEventKind.BookDelta or MarketEventKind.SnapshotLevel)) _messageEvents = 0;
        if (!_processor.OnEvent(in e, _decisions.Row(d), out var info))
        {
            _side.SetDecision(sequence, -1);
            return;
        }
        Write(in e, sequence, d, in info, inMessage);
    }

    /// <summary>
    /// Handles the event at <paramref name="sequence"/> of <paramref name="ring"/>, whose slots up to
    /// <paramref name="available"/> are published: the first level of a depth message that is whole in that range takes
    /// the whole message at once (<see cref="DepthMessages.TryGet"/>, <see cref="BookFeatureProcessor.OnDepthMessage"/>:
    /// one native call for its levels), and the handler's calls for its other events then return at once. Same book,
    /// rows and decisions as <see cref="OnEvent"/> event by event.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void OnRingEvent(RingBuffer<MarketEvent> ring, ref MarketEvent e, long sequence, long available)
    {
        if (sequence <= _handledThrough) return;
        if (_messageEvents == 0 && DepthMessages.TryGet(ring, ref e, sequence, available, out var message))
        {
            OnMessage(message, sequence);
            return;
        }
        OnEvent(ref e, sequence);
    }

    private void OnMessage(ReadOnlySpan<MarketEvent> message, long first)
    {
        long last = first + message.Length - 1;
        _handledThrough = last;
        for (long q = first; q < last; q++) _side.SetDecision(q, -1);
        long d = _nextDecision;
        if (!_processor.OnDepthMessage(message, _decisions.Row(d), out var info))
        {
            _side.SetDecision(last, -1);
            return;
        }
        Write(in message[^1], last, d, in info, message.Length);
    }

    // Decision d, made by event e at sequence (the inMessage-th event of its message): its record, key and depth.
    private void Write(in MarketEvent e, long sequence, long d, in DecisionInfo info, int inMessage)
    {
        ref var r = ref _decisions.Record(d);
        r.Sequence = sequence;
        r.ExchangeTimeNs = info.ExchangeTimeNs;
        r.LocalTimeNs = info.LocalTimeNs;
        r.BidTicks = info.BidTicks;
        r.AskTicks = info.AskTicks;
        r.MidTicks = info.MidTicks;
        r.SymbolId = info.SymbolId;
        r.BookSynced = info.BookSynced;
        ref var key = ref _decisions.Key(d);
        key.SymbolId = info.SymbolId;
        key.TimeNs = info.ExchangeTimeNs;
        key.Restart = info.SequenceBreak;
        key.BookSynced = info.BookSynced;
        r.Cause = LatencyCause.Of(e.Kind, _processor.Features.LastWork, inMessage);
        // The depth of a synced book only: a decision synced on its quote alone (QuoteIsMarketState) has none.
        if (info.BookSynced && _processor.Sync.GetState(info.SymbolId) == Binance.Sync.BookSyncState.Synced
            && _processor.Sync.GetBook(info.SymbolId) is { } book) _depths.CopyTo(info.SymbolId, book, ref r.Depth);
        else r.Depth.BidCount = r.Depth.AskCount = 0;
        if (_canary is not null && info.BookSynced) _canary.Record(_decisions.Row(d));
        r.IngressTicks = _side.IngressTicks(sequence);
        r.FeaturesDoneTicks = Stopwatch.GetTimestamp();
        r.InferenceDoneTicks = 0;
        r.BatchSize = 0;
        r.ModelStatus = DecisionModelStatus.Pending;
        _side.SetDecision(sequence, d);
        Volatile.Write(ref _nextDecision, d + 1);
    }

    /// <summary>The ring handler wrapping this stage: <paramref name="ring"/> is the ring it consumes (a depth message
    /// whole in the batch is handled at once from its slots).</summary>
    public struct Handler(BookFeatureStage stage, RingBuffer<MarketEvent> ring) : IEventHandler<MarketEvent>
    {
        private long _available;

        /// <inheritdoc />
        public void OnBatchStart(long firstSequence, long count) => _available = firstSequence + count - 1;

        /// <inheritdoc />
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch) => stage.OnRingEvent(ring, ref e, sequence, _available);
    }
}
