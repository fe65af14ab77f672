using BenchmarkDotNet.Attributes;
using HftScalper.Engine.Pipeline;
using HftScalper.Features.Engine;
using HftScalper.Inference.Sequence;
using HftScalper.Native;

namespace HftScalper.Benchmarks.Pipeline;

/// <summary>
/// The first lap of a new decision ring, as the features stage writes it (record, depth, feature row, key, side
/// buffer) for every slot of the default 16,384-slot ring with rows of the default feature schema's width: what a short replay
/// pays on its decision path. Each iteration allocates a fresh ring outside the timing (IterationSetup). Baseline: the
/// previous way, plain pinned arrays whose pages are mapped by the first write (a page fault each); row: the same
/// arrays from <see cref="PinnedSlots.Allocate{T}"/>, mapped at allocation. One op = one decision.
/// </summary>
[MemoryDiagnoser]
public class DecisionRingFirstLapBenchmarks
{
    private const int Slots = 1 << 14;
    private static readonly int RowWidth = FeatureEngine.DefaultSchema.Count;
    private DecisionRecord[] _records = [];
    private float[] _rows = [];
    private SequenceRowKey[] _keys = [];
    private long[] _ingress = [];

    /// <summary>A ring of fresh pages.</summary>
    [IterationSetup(Target = nameof(FreshPages))]
    public void Fresh() => Allocate(touch: false);

    /// <summary>A ring whose pages are mapped.</summary>
    [IterationSetup(Target = nameof(MappedPages))]
    public void Mapped() => Allocate(touch: true);

    /// <summary>The previous way: pages mapped by the decision path's first write.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Slots)]
    public long FreshPages() => Lap();

    /// <summary>Pages mapped at allocation.</summary>
    [Benchmark(OperationsPerInvoke = Slots)]
    public long MappedPages() => Lap();

    private void Allocate(bool touch)
    {
        _records = null!;
        _rows = null!;
        _keys = null!;
        _ingress = null!;
        GC.Collect(); // the previous ring's pages go back, so this one is new memory (as a new run's is)
        _records = touch ? PinnedSlots.Allocate<DecisionRecord>(Slots) : GC.AllocateArray<DecisionRecord>(Slots, pinned: true);
        _rows = touch ? PinnedSlots.Allocate<float>(Slots * RowWidth) : GC.AllocateArray<float>(Slots * RowWidth, pinned: true);
        _keys = touch ? PinnedSlots.Allocate<SequenceRowKey>(Slots) : GC.AllocateArray<SequenceRowKey>(Slots, pinned: true);
        _ingress = touch ? PinnedSlots.Allocate<long>(Slots) : GC.AllocateArray<long>(Slots, pinned: true);
    }

    private long Lap()
    {
        long sum = 0;
        for (int d = 0; d < Slots; d++)
        {
            ref var r = ref _records[d];
            r.Sequence = d;
            r.BidTicks = d + 1;
            r.Depth.BidCount = 5;
            r.Depth.Bids[4] = new BookLevel(d, 1);
            _rows.AsSpan(d * RowWidth, RowWidth).Fill(d);
            _keys[d].TimeNs = d;
            _ingress[d] = d;
            sum += r.Sequence;
        }
        return sum;
    }
}
