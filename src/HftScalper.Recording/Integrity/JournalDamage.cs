using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Integrity;

/// <summary>The one place journal reader counters turn into <see cref="InputDamage"/> (frame and event journals).</summary>
internal static class JournalDamage
{
    public static void AddTo(InputDamage total, JournalStats stats, string description)
    {
        total.TruncatedStreams += stats.TornTails;
        total.CrcFailures += stats.CorruptRecords;
        total.BytesSkipped += stats.DiscardedBytes;
        // Journal stats count damaged spots, not segments: since the reader resyncs past a bad record, one segment can
        // hold several damaged spans, and each counts here (README: corruptFiles).
        total.CorruptFiles += stats.BadHeaders + stats.TornTails + stats.CorruptRecords;
        if (stats.TornTails + stats.CorruptRecords + stats.DiscardedBytes + stats.BadHeaders > 0)
            total.Problem($"{description}: {stats}");
    }
}
