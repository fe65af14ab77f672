using System.Runtime.CompilerServices;
using HftScalper.Inference.Lifecycle;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class CanaryRowsTests
{
    [Fact]
    public void Keeps_the_most_recent_rows_oldest_first()
    {
        var c = new CanaryRows(width: 2, capacity: 3);
        for (int i = 0; i < 5; i++) c.Record([i, -i]);

        var rows = c.Snapshot(out int n);

        Assert.Equal(3, n);
        Assert.Equal([2f, -2f, 3f, -3f, 4f, -4f], rows);
        Assert.Equal(5, c.Recorded);
    }

    [Fact]
    public void Recording_allocates_nothing()
    {
        var c = new CanaryRows(4, 16);
        var row = new float[4];
        // Optimised up front: tier-0 code and on-stack replacement must not show up as allocations.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run()
        {
            for (int i = 0; i < 1000; i++) { row[0] = i; c.Record(row); }
        }
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(Run));
    }

    [Fact]
    public void A_short_row_is_ignored()
    {
        var c = new CanaryRows(4, 16);
        c.Record([1f, 2f]);
        Assert.Equal(0, c.Recorded);
    }
}
