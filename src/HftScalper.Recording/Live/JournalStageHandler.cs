using HftScalper.Core.Frames;
using HftScalper.Disruptor;
using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Live;

/// <summary>The recorder's only stage: appends each frame to the journal and lets the writer's flush policy run at
/// the end of every batch (a busy feed flushes in large batches, a quiet one promptly). A struct so the ring's
/// processor loop inlines it.</summary>
internal readonly struct JournalStageHandler(JournalWriter writer, byte[][] payloads, int mask, RecorderCounters counters)
    : IEventHandler<RecordedFrameSlot>
{
    public void OnBatchStart(long firstSequence, long count) { }

    public void OnEvent(ref RecordedFrameSlot e, long sequence, bool endOfBatch)
    {
        var origin = (FrameOrigin)e.Origin;
        writer.Append(e.LocalTimeNs, origin, e.SymbolId, e.StreamId, payloads[(int)(sequence & mask)].AsSpan(0, e.Length));
        counters.Written(origin, e.Length);
        if (endOfBatch) writer.EndOfBatch();
    }
}
