using HftScalper.Binance.Sync;
using HftScalper.Core.Events;
using HftScalper.Disruptor;

namespace HftScalper.Recording.Replay;

/// <summary>The replay's book stage: every event into the synchronizer (native books) and the stream digest.
/// A struct so the ring's processor loop inlines it.</summary>
internal readonly struct BookStageHandler(BookSynchronizer sync, MarketEventDigest digest) : IEventHandler<MarketEvent>
{
    public void OnBatchStart(long firstSequence, long count) { }

    public void OnEvent(ref MarketEvent e, long sequence, bool endOfBatch)
    {
        sync.OnEvent(in e);
        digest.Add(in e);
    }
}
