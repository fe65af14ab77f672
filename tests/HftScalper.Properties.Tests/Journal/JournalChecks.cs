using HftScalper.Properties.Tests.Harness;
using HftScalper.Recording.Journal;

namespace HftScalper.Properties.Tests.Journal;

/// <summary>The byte accounting, logging and memory checks both journal readers share, per segment read.</summary>
internal static class JournalChecks
{
    /// <summary>
    /// Every byte of <paramref name="segment"/> parsed or counted (today: except a bad header's, all or nothing), a
    /// log line for every skip, bytes lost exactly when damage is counted, and allocation bounded by the file (today:
    /// plus whatever a damaged length field claims).
    /// </summary>
    public static void Segment(JournalStats stats, string segment, IReadOnlyList<string> logged, long allocated, JournalTighten tighten)
    {
        var account = Accounts.Journal(stats, [segment]);
        if (account.SkippedRecords > 0) Assert.NotEmpty(logged);
        // Bytes lost <=> damage counted (an empty file is a bad header of no bytes).
        if (account.Input > 0) Assert.Equal(account.Skipped > 0 || account.Uncounted > 0, account.SkippedRecords > 0);
        // Today a bad header's bytes are in no counter (BadHeaders counts the segment): all or nothing.
        if ((tighten & JournalTighten.HeaderBytes) != 0) Assert.True(account.Uncounted == 0, $"{account}; {stats}; {string.Join(" | ", logged)}");
        else Assert.True(account.Uncounted == 0 || (account.Uncounted == account.Input && stats.BadHeaders == 1), account.ToString());
        // Today the reader may size its buffer to a damaged length field (<= 64 MB) before it knows the tail is torn.
        long claimable = (tighten & JournalTighten.BoundedAllocation) != 0 ? 0 : JournalFormat.MaxPayloadLength + JournalFormat.RecordHeaderSize;
        Assert.True(allocated <= (2L << 20) + (16L * account.Input) + claimable, $"{segment}: {allocated} bytes allocated reading {account.Input}");
    }
}
