namespace HftScalper.Features.Regime;

/// <summary>GARCH(1,1) parameters: <c>sigma2_t = Omega + Alpha * r_{t-1}^2 + Beta * sigma2_{t-1}</c>.</summary>
/// <param name="Omega">Constant term (> 0).</param>
/// <param name="Alpha">ARCH coefficient (>= 0): reaction to the last squared return.</param>
/// <param name="Beta">GARCH coefficient (>= 0): persistence; Alpha + Beta &lt; 1 for stationarity.</param>
public readonly record struct GarchParameters(double Omega, double Alpha, double Beta)
{
    /// <summary>Long-run (unconditional) variance Omega / (1 - Alpha - Beta).</summary>
    public double LongRunVariance => Omega / (1.0 - Alpha - Beta);

    /// <summary>Whether the process is covariance-stationary with positive variance.</summary>
    public bool IsStationary => Omega > 0 && Alpha >= 0 && Beta >= 0 && Alpha + Beta < 1;
}
