using HftScalper.Binance.Parsing;
using HftScalper.Binance.Sync;

namespace HftScalper.Recording.Replay;

/// <summary>What one replay did.</summary>
/// <param name="Frames">Raw frames read (0 for event formats).</param>
/// <param name="Events">Market events that passed through the ring and the book stage.</param>
/// <param name="ElapsedNs">Wall time from the first read to the drained pipeline.</param>
/// <param name="Digest">XxHash3 of the event stream as the book stage saw it (<see cref="MarketEventDigest"/>).</param>
/// <param name="Parse">Parser counters (null for event formats).</param>
/// <param name="Sync">Book synchronizer counters.</param>
/// <param name="Drained">False when the pipeline halted on a failure before finishing.</param>
internal sealed record ReplayResult(long Frames, long Events, long ElapsedNs, ulong Digest, ParseCounters? Parse, BookSyncCounters Sync, bool Drained)
{
    /// <summary>Events per second of wall time.</summary>
    public double EventsPerSecond => ElapsedNs > 0 ? Events * 1e9 / ElapsedNs : 0;

    /// <summary>The digest as 16 hex digits.</summary>
    public string DigestHex => Digest.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);
}
