using HftScalper.DeepLearning.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace HftScalper.DeepLearning.Sequences;

/// <summary>
/// Fits a window network (<c>[B,T,F]</c> standardised rows -> logits <c>[B,3]</c>) with Adam and cross-entropy, keeping
/// the epoch with the lowest early-stopping loss; shared by every sequence family. The window ending at row e is
/// rows <c>e-(T-1)·stride, ..., e-stride, e</c> (stride 1: the last T rows). Deterministic for a seed on CPU: torch is
/// seeded before the network is created, the window order of each epoch comes from <see cref="Random"/> with the same
/// seed, and libtorch runs one thread (<see cref="TorchRuntime"/>).
/// </summary>
/// <param name="scaled">Standardised rows, row-major, <paramref name="width"/> columns.</param>
/// <param name="width">Features per row.</param>
/// <param name="sequenceLength">Rows per window (T).</param>
/// <param name="stride">Sample rows between consecutive window rows.</param>
/// <param name="classes">The direction class of every row (windows are labelled by their last row).</param>
public sealed class WindowTrainer(float[] scaled, int width, int sequenceLength, int stride, int[] classes)
{
    /// <summary>What one fit did.</summary>
    /// <param name="Network">The network at its best epoch (the caller disposes it).</param>
    /// <param name="Epochs">Epochs run.</param>
    /// <param name="BestEpoch">The epoch kept (1-based).</param>
    /// <param name="BestLoss">Its early-stopping loss (the training loss when there is no early-stopping set).</param>
    public sealed record Fit(nn.Module<Tensor, Tensor> Network, int Epochs, int BestEpoch, double BestLoss);

    /// <summary>Rows per window.</summary>
    public int SequenceLength => sequenceLength;

    /// <summary>
    /// Seeds torch, creates the network with <paramref name="create"/> and trains it on windows ending at
    /// <paramref name="train"/>; <paramref name="valid"/> (may be empty) stops early.
    /// </summary>
    public Fit Train(Func<nn.Module<Tensor, Tensor>> create, int[] train, int[] valid, ISequenceParameters p, int seed, Action<string>? log = null)
    {
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(valid);
        ArgumentNullException.ThrowIfNull(p);
        if (train.Length == 0) throw new ArgumentException("no training window", nameof(train));
        TorchRuntime.Seed(seed);
        var net = create();
        using var optimizer = optim.Adam(net.parameters(), p.LearningRate);
        var rng = new Random(seed);
        var order = (int[])train.Clone();
        double best = double.PositiveInfinity;
        int bestEpoch = 0, epoch = 0;
        float[][]? bestWeights = null;
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
                bestWeights = Snapshot(net);
            }
        }
        Restore(net, bestWeights!);
        net.eval();
        return new Fit(net, epoch, bestEpoch, best);
    }

    /// <summary>Class probabilities (down, flat, up) of the windows ending at <paramref name="ends"/>, 3 per window.</summary>
    public float[] Predict(nn.Module<Tensor, Tensor> net, ReadOnlySpan<int> ends)
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
    public double Loss(nn.Module<Tensor, Tensor> net, int[] ends)
    {
        ArgumentNullException.ThrowIfNull(ends);
        var probs = Predict(net, ends);
        double sum = 0;
        for (int i = 0; i < ends.Length; i++) sum -= Math.Log(Math.Max(probs[i * 3 + classes[ends[i]]], 1e-7));
        return sum / ends.Length;
    }

    /// <summary>The raw window ending at <paramref name="end"/> gathered from row-major <paramref name="rows"/> (T x width floats).</summary>
    public static void Gather(ReadOnlySpan<float> rows, int width, int sequenceLength, int stride, int end, Span<float> window)
    {
        for (int k = 0; k < sequenceLength; k++)
        {
            int row = end - (sequenceLength - 1 - k) * stride;
            rows.Slice(row * width, width).CopyTo(window.Slice(k * width, width));
        }
    }

    private (Tensor X, Tensor Y) Batch(ReadOnlySpan<int> ends, bool labels = true)
    {
        int rowFloats = sequenceLength * width;
        var x = new float[ends.Length * rowFloats];
        var y = new long[labels ? ends.Length : 0];
        for (int i = 0; i < ends.Length; i++)
        {
            Gather(scaled, width, sequenceLength, stride, ends[i], x.AsSpan(i * rowFloats, rowFloats));
            if (labels) y[i] = classes[ends[i]];
        }
        return (tensor(x, [ends.Length, sequenceLength, width]), labels ? tensor(y) : empty(0));
    }

    private static float[][] Snapshot(nn.Module<Tensor, Tensor> net)
    {
        using var _ = no_grad();
        return [.. net.parameters().Select(t => t.detach().contiguous().data<float>().ToArray())];
    }

    private static void Restore(nn.Module<Tensor, Tensor> net, float[][] weights)
    {
        using var _ = no_grad();
        int i = 0;
        foreach (var t in net.parameters())
        {
            using var src = tensor(weights[i++], t.shape);
            t.copy_(src);
        }
    }
}
