namespace HftScalper.Trading.Signals;

/// <summary>Which part of the strategy produced a <see cref="Signal"/>.</summary>
public enum SignalSource : byte
{
    /// <summary>No signal (default value).</summary>
    None = 0,

    /// <summary>One healthy model's prediction.</summary>
    Model = 1,

    /// <summary>A combination of several models (confidence-weighted or regime-selected).</summary>
    Ensemble = 2,

    /// <summary>The rule-based order-flow-imbalance/microprice fallback (no healthy model).</summary>
    Fallback = 3,
}
