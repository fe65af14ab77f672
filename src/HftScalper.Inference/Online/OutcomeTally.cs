namespace HftScalper.Inference.Online;

/// <summary>Resolved outcomes of one stream of predictions: count, correct (arg max = realised class) and summed log-loss.</summary>
public struct OutcomeTally
{
    /// <summary>Outcomes scored.</summary>
    public long Resolved;

    /// <summary>Outcomes whose arg max was the realised class.</summary>
    public long Correct;

    /// <summary>Sum of -ln p(realised class) (p clipped at 1e-7).</summary>
    public double LogLoss;

    /// <summary>Accuracy (NaN before any outcome).</summary>
    public readonly double Accuracy => Resolved == 0 ? double.NaN : (double)Correct / Resolved;

    /// <summary>Mean log-loss (NaN before any outcome).</summary>
    public readonly double MeanLogLoss => Resolved == 0 ? double.NaN : LogLoss / Resolved;

    /// <summary>Scores <paramref name="p"/> against <paramref name="realised"/>; returns whether it was right, and its loss.</summary>
    public bool Add(ReadOnlySpan<float> p, int realised, out double loss)
    {
        bool right = Lifecycle.ShadowScorer.ArgMax(p) == realised;
        loss = Lifecycle.ShadowScorer.LogLoss(p, realised);
        Resolved++;
        if (right) Correct++;
        LogLoss += loss;
        return right;
    }
}
