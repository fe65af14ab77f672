using System.Runtime.InteropServices;
using HftScalper.Engine.Outcomes;
using HftScalper.Engine.Pipeline;
using HftScalper.Tests.Shared;

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
        if (!PageFaults.Available) return; // per-thread fault counts are Linux's
        // Larger than any other test's arrays, so the GC takes new memory for it (had it reused mapped pages the test
        // would pass either way: Touch itself is tested on fresh mappings below).
        const int slots = 1 << 16;
        var ring = new DecisionRing(slots, rowWidth: 128, scoreWidth: 3);
        var side = new EventSideBuffer(slots);
        Write(ring, side, 0); // compiles the loop's callees before counting (the JIT's own pages)

        long before = MinorFaults();
        for (long d = 1; d < slots; d++) Write(ring, side, d);
        long faults = MinorFaults() - before;

        Assert.True(faults < 64, $"{faults} page faults on the first lap of {slots} slots");
    }

    [Fact]
    public void A_new_direction_resolver_queues_its_first_lap_without_page_faults()
    {
        if (!PageFaults.Available) return;
        // 2^17 decisions of 40 B: a 5 MB ring, larger than any other test's arrays, so the GC takes fresh pages for it.
        const int capacity = 1 << 17;
        var warm = new DirectionResolver([1_000], 0, capacity: 2);
        warm.Enqueue(new PendingDecision { TimeNs = 1 }); // compiles Enqueue before counting
        var resolver = new DirectionResolver([1_000], 0, capacity);

        long before = MinorFaults();
        for (int d = 0; d < capacity; d++) resolver.Enqueue(new PendingDecision { TimeNs = d, MidTicks = 1 });
        long faults = MinorFaults() - before;

        Assert.Equal(capacity, resolver.Enqueued);
        Assert.True(faults < 16, $"{faults} page faults queueing {capacity} decisions into a fresh resolver");
    }

    [Fact]
    public unsafe void Touch_maps_every_page_of_fresh_memory_where_first_writes_would_fault_a_page_each()
    {
        if (!PageFaults.Available) return;
        const int bytes = 4 << 20, pages = bytes / 4096;
        // Anonymous mappings straight from the kernel: fresh pages every time, whatever the GC kept from other tests.
        byte* touched = Map(bytes), untouched = Map(bytes);
        try
        {
            PinnedSlots.Touch(new Span<byte>(touched, bytes));
            long before = MinorFaults();
            for (int i = 0; i < bytes; i += 4096) touched[i] = 1;
            long afterTouch = MinorFaults() - before;
            before = MinorFaults();
            for (int i = 0; i < bytes; i += 4096) untouched[i] = 1; // the control: the counter sees first writes
            long withoutTouch = MinorFaults() - before;

            Assert.True(afterTouch < 8, $"{afterTouch} faults writing {pages} touched pages");
            Assert.True(withoutTouch > pages / 2, $"{withoutTouch} faults writing {pages} fresh pages");
        }
        finally
        {
            Assert.Equal(0, MUnmap(touched, bytes));
            Assert.Equal(0, MUnmap(untouched, bytes));
        }
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

    private static long MinorFaults() => PageFaults.MinorOnThisThread();

    private static unsafe byte* Map(int bytes)
    {
        var p = MMap(0, bytes, 3 /* PROT_READ | PROT_WRITE */, 0x22 /* MAP_PRIVATE | MAP_ANONYMOUS */, -1, 0);
        Assert.NotEqual(-1, p);
        return (byte*)p;
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial nint MMap(nint addr, nint length, int prot, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static unsafe partial int MUnmap(byte* addr, nint length);
}
