using System.Buffers.Binary;
using HftScalper.Recording.Journal;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>
/// Where the header and each record of an undamaged segment end, walked from the on-disk layout
/// (<see cref="JournalFormat"/>: 16-byte preamble + header, then u32 length-prefixed records) without the reader.
/// </summary>
internal sealed record JournalLayout(long HeaderEnd, long[] RecordEnds, long Length)
{
    public static JournalLayout Of(byte[] segment)
    {
        long headerEnd = JournalFormat.FilePreambleSize + BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(8));
        var ends = new List<long>();
        long at = headerEnd;
        while (at + JournalFormat.RecordHeaderSize <= segment.Length)
        {
            at += JournalFormat.RecordHeaderSize + BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan((int)at));
            ends.Add(at);
        }
        Assert.Equal(segment.Length, at); // the writer's output is whole records
        return new JournalLayout(headerEnd, [.. ends], segment.Length);
    }

    /// <summary>Records that end at or before <paramref name="offset"/> (none when the header is damaged).</summary>
    public int RecordsBefore(long offset) => offset < HeaderEnd ? 0 : RecordEnds.Count(e => e <= offset);

    /// <summary>Indexes of records whose bytes are unchanged in <paramref name="damaged"/> (what a reader that scans
    /// forward past damage can recover). Compared byte for byte, not by damaged range: two generated damages may
    /// cancel (the same length bit flipped twice), leaving a record intact that both ranges cover.</summary>
    public IEnumerable<int> Intact(byte[] original, byte[] damaged)
    {
        for (int i = 0; i < RecordEnds.Length; i++)
        {
            long start = i == 0 ? HeaderEnd : RecordEnds[i - 1], end = RecordEnds[i];
            if (end <= damaged.Length && original.AsSpan((int)start, (int)(end - start)).SequenceEqual(damaged.AsSpan((int)start, (int)(end - start))))
                yield return i;
        }
    }
}
