namespace HftScalper.Training.Adaptation;

/// <summary>Resolved live predictions over a span of decision time: how many, how many right, their mean log-loss.</summary>
public sealed class AccuracyWindow
{
    /// <summary>Resolved predictions.</summary>
    public long Resolved { get; private set; }

    /// <summary>Predictions whose top class was the realised one.</summary>
    public long Correct { get; private set; }

    /// <summary>Sum of -ln p(realised class).</summary>
    public double LogLossSum { get; private set; }

    /// <summary>Share right (NaN before any).</summary>
    public double Accuracy => Resolved == 0 ? double.NaN : (double)Correct / Resolved;

    /// <summary>Mean log-loss (NaN before any).</summary>
    public double LogLoss => Resolved == 0 ? double.NaN : LogLossSum / Resolved;

    /// <summary>Adds one resolved prediction.</summary>
    public void Add(bool correct, double loss)
    {
        Resolved++;
        if (correct) Correct++;
        LogLossSum += loss;
    }

    /// <summary>Adds every prediction of <paramref name="other"/> (pooling windows of several symbols).</summary>
    public void Add(AccuracyWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        Resolved += other.Resolved;
        Correct += other.Correct;
        LogLossSum += other.LogLossSum;
    }
}
