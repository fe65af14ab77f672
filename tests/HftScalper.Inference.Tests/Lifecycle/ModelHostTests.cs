using System.Runtime.CompilerServices;
using HftScalper.Inference.Lifecycle;
using HftScalper.Inference.Serving;
using HftScalper.Tests.Shared;

namespace HftScalper.Inference.Tests.Lifecycle;

public sealed class ModelHostTests : IDisposable
{
    private readonly LifecycleModels _m = new();

    public void Dispose() => _m.Dispose();

    private ServedModel Served(string file, int seed) => _m.Served(file, seed);

    [Fact]
    public void An_empty_host_gives_empty_leases()
    {
        using var host = new ModelHost(_m.Logger);
        using var lease = host.Acquire();
        Assert.True(lease.IsEmpty);
        Assert.Null(lease.Session);
    }

    [Fact]
    public void A_swapped_out_session_is_disposed_only_after_its_batch_releases_it()
    {
        using var host = new ModelHost(_m.Logger);
        var a = Served("a.onnx", 1);
        var b = Served("b.onnx", 2);
        host.Swap(a);
        var row = LifecycleModels.Rows(1);

        var lease = host.Acquire();
        host.Swap(b, drainTimeout: TimeSpan.FromMilliseconds(20));

        Assert.False(a.IsDisposed);
        Assert.Equal(1, host.RetiredPending);
        var y = new float[3];
        Assert.Equal(PredictStatus.Ok, lease.Session!.Predict(row, 1, y)); // the in-flight batch finishes on the old model
        Assert.Same(b, host.Current);

        lease.Dispose();
        Assert.Equal(0, host.ReclaimRetired());
        Assert.True(a.IsDisposed);
        Assert.False(b.IsDisposed);
    }

    [Fact]
    public void A_swap_with_no_batch_in_flight_disposes_the_previous_model_at_once()
    {
        using var host = new ModelHost(_m.Logger);
        var a = Served("a.onnx", 1);
        host.Swap(a);
        using (host.Acquire()) { }

        var previous = host.Swap(Served("b.onnx", 2));

        Assert.Same(a, previous);
        Assert.True(a.IsDisposed);
        Assert.Equal(2, host.Swaps);
        Assert.Equal(2, host.Current!.Generation);
    }

    [Fact]
    public void Acquire_and_release_allocate_nothing()
    {
        using var host = new ModelHost(_m.Logger);
        host.Swap(Served("a.onnx", 1));
        // Optimised up front: tier-0 code and on-stack replacement must not show up as allocations.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        void Run()
        {
            for (int i = 0; i < 10_000; i++)
            {
                using var lease = host.Acquire();
                if (lease.IsEmpty) throw new InvalidOperationException();
            }
        }
        Assert.Equal(0, SteadyStateAllocation.FewestBytes(Run));
    }

    [Fact]
    public void Swaps_during_continuous_serving_lose_no_batch_and_never_touch_a_disposed_session()
    {
        using var host = new ModelHost(_m.Logger);
        var models = Enumerable.Range(0, 4).Select(i => Served($"m{i}.onnx", 10 + i)).ToArray();
        host.Swap(models[0]);
        var row = LifecycleModels.Rows(1);
        int batches = 0, ok = 0, emptyOrDisposed = 0;
        var started = new ManualResetEventSlim();
        var swapsDone = new ManualResetEventSlim();

        var server = new Thread(() =>
        {
            var y = new float[3];
            while (!swapsDone.IsSet || batches < 1000)
            {
                if (++batches == 10) started.Set();
                using var lease = host.Acquire();
                if (lease.IsEmpty || lease.Model!.IsDisposed) { emptyOrDisposed++; continue; }
                if (lease.Session!.Predict(row, 1, y) == PredictStatus.Ok) ok++;
            }
        });
        server.Start();
        Assert.True(started.Wait(TimeSpan.FromSeconds(30)));
        for (int i = 1; i < models.Length; i++) host.Swap(models[i]);
        swapsDone.Set();
        server.Join();

        Assert.Equal(batches, ok);
        Assert.Equal(0, emptyOrDisposed);
        Assert.Equal(0, host.ReclaimRetired());
        Assert.All(models[..^1], m => Assert.True(m.IsDisposed));
        Assert.False(models[^1].IsDisposed);
    }
}
