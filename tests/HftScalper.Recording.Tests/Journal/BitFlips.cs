using HftScalper.Recording.Journal;

namespace HftScalper.Recording.Tests.Journal;

internal static class BitFlips
{
    /// <summary>Copies of <paramref name="bytes"/>, each with one bit of the record [start, end) flipped: every bit of
    /// its fixed header (length, CRC, time, ids, origin, sync marker) and one rotating bit of each payload byte.</summary>
    public static IEnumerable<byte[]> InRecord(byte[] bytes, long start, long end)
    {
        for (long at = start; at < end; at++)
        {
            bool inHeader = at - start < JournalFormat.RecordHeaderSize;
            for (int bit = inHeader ? 0 : (int)(at % 8); bit < 8; bit += inHeader ? 1 : 8)
            {
                var damaged = (byte[])bytes.Clone();
                damaged[at] ^= (byte)(1 << bit);
                yield return damaged;
            }
        }
    }
}
