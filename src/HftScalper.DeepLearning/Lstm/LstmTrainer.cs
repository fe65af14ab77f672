using HftScalper.DeepLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Lstm;

/// <summary>
/// Fits an <see cref="LstmNetwork"/> on windows of standardised rows with Adam and cross-entropy, keeping the epoch
/// with the lowest early-stopping loss. Deterministic for a seed on CPU: torch is seeded before the weights are
/// drawn, the window order of each epoch comes from <see cref="Random"/> with the same seed, and libtorch runs one
/// thread (<see cref="TorchRuntime"/>).
/// </summary>
/// <param name="scaled">Standardised rows, row-major, <paramref name="width"/> columns.</param>
/// <param name="width">Features per row.</param>
/// <param name="sequenceLength">Rows per window (the window ending at row e is rows <c>e-T+1 .. e</c>).</param>
/// <param name="classes">The direction class of every row (windows are labelled by their last row).</param>
public sealed class LstmTrainer(float[] scaled, int width, int sequenceLength, int[] classes)
{
    /// <summary>What one fit did.</summary>
    /// <param name="Network">The network at its best epoch.</param>
    /// <param name="Epochs">Epochs run.</param>
    /// <param name="BestEpoch">The epoch kept (1-based).</param>
    /// <param name="BestLoss">Its early-stopping loss (the training loss when there is no early-stopping set).</param>
    public sealed record Fit(LstmNetwork Network, int Epochs, int BestEpoch, double BestLoss);

    /// <summary>Trains on windows ending at <paramref name="train"/>; <paramref name="valid"/> (may be empty) stops early.</summary>
    public Fit Train(int[] train, int[] valid, LstmParameters p, int seed, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(p);
        if (train.Length == 0) throw new ArgumentException("no training window", nameof(train));
        TorchRuntime.Seed(seed);
        var net = new LstmNetwork(width, p.Hidden, 3);
        using var optimizer = optim.Adam(net.parameters(), p.LearningRate);
        var rng = new Random(seed);
        var order = (int[])train.Clone();
        double best = double.PositiveInfinity;
        int bestEpoch = 0, epoch = 0;
        LstmTorchWeights? bestWeights = null;
        while (epoch < p.MaxEpochs && epoch - bestEpoch <= p.Patience)
        {
            epoch++;
            rng.Shuffle(order);
            net.train();
            double trainLoss = 0;
            for (int b = 0; b < order.Length; b += p.BatchSize)
            {
                using var scope = NewDisposeScope();
                var batch = order.AsSpan(b, Math.Min(p.BatchSize, order.Length - b));
                var (x, y) = Batch(batch);
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(net.call(x), y);
                loss.backward();
                nn.utils.clip_grad_norm_(net.parameters(), 1.0);
                optimizer.step();
                trainLoss += loss.item<float>() * batch.Length;
            }
            trainLoss /= order.Length;
            double score = valid.Length > 0 ? Loss(net, valid) : trainLoss;
            log?.Invoke(FormattableString.Invariant($"  epoch {epoch}: train loss {trainLoss:0.0000}, early-stopping loss {score:0.0000}"));
            if (score < best - 1e-6)
            {
                best = score;
                bestEpoch = epoch;
                bestWeights = net.Weights();
            }
        }
        net.Load(bestWeights!);
        net.eval();
        return new Fit(net, epoch, bestEpoch, best);
    }

    /// <summary>Class probabilities (down, flat, up) of the windows ending at <paramref name="ends"/>, 3 per window.</summary>
    public float[] Predict(LstmNetwork net, ReadOnlySpan<int> ends)
    {
        ArgumentNullException.ThrowIfNull(net);
        net.eval();
        var result = new float[ends.Length * 3];
        using var _ = no_grad();
        for (int b = 0; b < ends.Length; b += 512)
        {
            using var scope = NewDisposeScope();
            var batch = ends.Slice(b, Math.Min(512, ends.Length - b));
            var (x, _) = Batch(batch, labels: false);
            var probs = nn.functional.softmax(net.call(x), 1).contiguous().data<float>();
            probs.CopyTo(result, b * 3);
        }
        return result;
    }

    /// <summary>Mean cross-entropy of the windows ending at <paramref name="ends"/>.</summary>
    public double Loss(LstmNetwork net, int[] ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        var probs = Predict(net, ends);
        double sum = 0;
        for (int i = 0; i < ends.Length; i++) sum -= Math.Log(Math.Max(probs[i * 3 + classes[ends[i]]], 1e-7));
        return sum / ends.Length;
    }

    private (Tensor X, Tensor Y) Batch(ReadOnlySpan<int> ends, bool labels = true)
    {
        int t = sequenceLength, rowFloats = t * width;
        var x = new float[ends.Length * rowFloats];
        var y = new long[labels ? ends.Length : 0];
        for (int i = 0; i < ends.Length; i++)
        {
            int first = ends[i] - t + 1;
            scaled.AsSpan(first * width, rowFloats).CopyTo(x.AsSpan(i * rowFloats, rowFloats));
            if (labels) y[i] = classes[ends[i]];
        }
        return (tensor(x, [ends.Length, t, width]), labels ? tensor(y) : empty(0));
    }
}
