using HftScalper.DeepLearning.Runtime;
using HftScalper.DeepLearning.Transformer;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Tests;

/// <summary>
/// The transformer's forward pass holds its Scalars (see <see cref="TransformerBlock"/>): with implicit ones
/// (<c>add(t)</c>'s alpha, <c>mul(1f / ...)</c>), collections forced from another thread freed one during libtorch's
/// call within about a second ("Exception raised from toFloat", the error CI saw once under load).
/// </summary>
public sealed class TransformerScalarLifetimeTests
{
    [Fact]
    public void Forward_passes_survive_collections_forced_from_another_thread()
    {
        TorchRuntime.Seed(1);
        var p = new TransformerParameters(ModelWidth: 8, Heads: 2, Layers: 1, FeedForward: 16, BatchSize: 16, MaxEpochs: 1, Patience: 1);
        using var net = new TransformerNetwork(5, 6, p, 3);
        using var x = randn(4, 6, 5);
        using var stop = new CancellationTokenSource();
        var collector = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
        });
        collector.Start();
        try
        {
            // A bound on work, not a timing assertion: without held Scalars this failed within 0.7 s (20,000 passes took 14 s).
            for (int i = 0; i < 5_000; i++)
            {
                using var scope = NewDisposeScope();
                net.call(x);
            }
        }
        finally
        {
            stop.Cancel();
            collector.Join();
        }
    }
}
