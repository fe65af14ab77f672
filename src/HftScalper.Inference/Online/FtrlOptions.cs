namespace HftScalper.Inference.Online;

/// <summary>
/// Settings of an FTRL-Proximal learner (McMahan et al., "Ad Click Prediction: a View from the Trenches", 2013):
/// per-coordinate learning rate <c>alpha / (beta + sqrt(sum of squared gradients))</c>, L1 and L2 regularisation.
/// </summary>
public sealed record FtrlOptions
{
    /// <summary>Learning-rate scale (alpha &gt; 0). Default 0.01.</summary>
    public double Alpha { get; init; } = 0.01;

    /// <summary>Learning-rate smoothing (beta &gt;= 0): the rate of a coordinate before it has seen a gradient is alpha/beta. Default 1.</summary>
    public double Beta { get; init; } = 1;

    /// <summary>L1 strength (&gt;= 0): coordinates whose accumulated gradient stays under it keep weight 0. Default 0.</summary>
    public double L1 { get; init; }

    /// <summary>L2 strength (&gt;= 0). Default 1.</summary>
    public double L2 { get; init; } = 1;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first setting out of range.</summary>
    public void Validate()
    {
        if (!(Alpha > 0) || double.IsInfinity(Alpha)) throw new ArgumentOutOfRangeException(nameof(Alpha), Alpha, "alpha must be finite and > 0");
        if (!(Beta >= 0) || double.IsInfinity(Beta)) throw new ArgumentOutOfRangeException(nameof(Beta), Beta, "beta must be finite and >= 0");
        if (!(L1 >= 0) || double.IsInfinity(L1)) throw new ArgumentOutOfRangeException(nameof(L1), L1, "l1 must be finite and >= 0");
        if (!(L2 >= 0) || double.IsInfinity(L2)) throw new ArgumentOutOfRangeException(nameof(L2), L2, "l2 must be finite and >= 0");
    }
}
