using System.Buffers.Binary;
using HftScalper.Recording.Journal;
using HftScalper.Recording.Sources.Text;

namespace HftScalper.Properties.Tests.Harness;

/// <summary>
/// The one place per reader that turns its counters into a <see cref="ReadAccount"/>. When a reader gains damage
/// counters, retarget the method here; the properties themselves stay as they are.
/// </summary>
internal static class Accounts
{
    /// <summary>
    /// A frame or event journal read: headers of segments that opened, plus every returned record (28-byte header
    /// + payload), are parsed; <see cref="JournalStats.DiscardedBytes"/> are skipped: damaged spans the reader scanned
    /// past, bad tails, a whole segment whose header is bad, and the preamble and damaged header of a segment read
    /// under a sibling's header. Skipped records are <see cref="JournalStats.TornTails"/> +
    /// <see cref="JournalStats.CorruptRecords"/> + <see cref="JournalStats.BadHeaders"/>.
    /// </summary>
    public static ReadAccount Journal(JournalStats stats, IEnumerable<string> segments, bool headersReadable = true)
    {
        long input = 0, headers = 0;
        foreach (var path in segments)
        {
            input += new FileInfo(path).Length;
            if (headersReadable && JournalRecovery.Scan(path).Status != SegmentStatus.BadHeader) headers += HeaderBytes(path);
        }
        long parsed = headers + (stats.Records * JournalFormat.RecordHeaderSize) + stats.PayloadBytes;
        return new ReadAccount(input, parsed, stats.DiscardedBytes, stats.TornTails + stats.CorruptRecords + stats.BadHeaders);
    }

    /// <summary>
    /// An hftbacktest text read, counted in lines: <paramref name="frameBytes"/> (the caller's sum of returned
    /// lines and blank lines, each with its '\n') are parsed; the bytes of lines skipped as malformed or too long
    /// (<see cref="TextSourceCounters.SkippedBytes"/>, reported as <c>bytesSkipped</c>) are skipped.
    /// </summary>
    public static ReadAccount Text(TextSourceCounters counters, long inputBytes, long frameBytes) =>
        new(inputBytes, frameBytes, counters.SkippedBytes, counters.Malformed + counters.TooLong + counters.CorruptFiles);

    private static long HeaderBytes(string path)
    {
        Span<byte> pre = stackalloc byte[JournalFormat.FilePreambleSize];
        using var f = File.OpenRead(path);
        f.ReadExactly(pre);
        return JournalFormat.FilePreambleSize + BinaryPrimitives.ReadUInt32LittleEndian(pre[8..]);
    }
}
