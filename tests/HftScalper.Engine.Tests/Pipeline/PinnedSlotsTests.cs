using System.Runtime.InteropServices;
using HftScalper.Engine.Pipeline;

namespace HftScalper.Engine.Tests.Pipeline;

/// <summary>
/// The decision ring and the event side buffer map their pages when they are allocated, so the first lap of a run
/// does not take a page fault on the decision path each time a slot crosses into a new page.
/// </summary>
public sealed partial class PinnedSlotsTests
{
    [Fact]
    public void A_new_decision_ring_and_side_buffer_are_written_on_their_first_lap_without_page_faults()
    {
        if (!OperatingSystem.IsLinux()) return; // per-thread fault counts are Linux's (RUSAGE_THREAD)
        const int slots = 1 << 16; // ~50 MB: fresh pages from the OS, ~12,000 of them
        var ring = new DecisionRing(slots, rowWidth: 128, scoreWidth: 3);
        var side = new EventSideBuffer(slots);
        Write(ring, side, 0); // compiles the loop's callees before counting (the JIT's own pages)

        long before = MinorFaults();
        for (long d = 1; d < slots; d++) Write(ring, side, d);
        long faults = MinorFaults() - before;

        Assert.True(faults < 64, $"{faults} page faults on the first lap of {slots} slots");
    }

    [Fact]
    public void The_fault_count_sees_the_first_write_to_a_fresh_pinned_array() // the control: without touching, a fault a page
    {
        if (!OperatingSystem.IsLinux()) return;
        var fresh = GC.AllocateArray<byte>(16 << 20, pinned: true);

        long before = MinorFaults();
        for (int i = 0; i < fresh.Length; i += 4096) fresh[i] = 1;
        long faults = MinorFaults() - before;

        Assert.True(faults > fresh.Length / 4096 / 2, $"{faults} page faults writing {fresh.Length / 4096} fresh pages");
    }

    [Fact]
    public void Touch_leaves_the_contents_as_they_were()
    {
        var bytes = new byte[3 * 4096 + 5];

        PinnedSlots.Touch(bytes);

        Assert.All(bytes, b => Assert.Equal(0, b));
    }

    private static void Write(DecisionRing ring, EventSideBuffer side, long d)
    {
        ring.Record(d).Sequence = d;
        ring.Record(d).Depth.BidCount = 1;
        ring.Row(d)[^1] = 1;
        ring.Scores(d)[0] = 1;
        ring.Return(d) = 1;
        ring.Key(d).TimeNs = d;
        side.IngressTicks(d) = d;
        side.SetDecision(d, d);
    }

    private static long MinorFaults()
    {
        Span<long> usage = stackalloc long[18]; // struct rusage: two timevals, then 14 longs; ru_minflt is the 5th long
        Assert.Equal(0, GetRUsage(1 /* RUSAGE_THREAD */, ref MemoryMarshal.GetReference(usage)));
        return usage[8];
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int GetRUsage(int who, ref long usage);
}
