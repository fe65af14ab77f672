namespace HftScalper.Trading.Execution;

/// <summary>How a <see cref="LatencyModel"/> draws delays.</summary>
public enum LatencyKind : byte
{
    /// <summary>Always the same delay.</summary>
    Constant = 0,

    /// <summary>Lognormal with a given median and log-space sigma (heavy right tail, like network paths).</summary>
    LogNormal = 1,

    /// <summary>Uniformly resampled from recorded delays.</summary>
    Empirical = 2,
}
