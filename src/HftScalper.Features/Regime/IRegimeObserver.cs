namespace HftScalper.Features.Regime;

/// <summary>
/// Sees the inputs of the feature engine's regime block as the engine computes them (see
/// <see cref="Engine.FeatureEngine.RegimeObserver"/>): what GARCH and the seasonality baseline are fitted on, so the
/// fit and the online recursion use one definition of the series. Called on the engine's thread.
/// </summary>
public interface IRegimeObserver
{
    /// <summary>
    /// One 1-second mid log return in bps, as folded into the GARCH recursion: the second ending at
    /// <paramref name="endNs"/> (exchange time); seconds without an event are reported as 0 (the mid did not move).
    /// </summary>
    void OnSecondReturn(int symbolId, long endNs, double returnBps);

    /// <summary>One market event counted by the activity rate (exchange time <paramref name="timeNs"/>).</summary>
    void OnActivityEvent(int symbolId, long timeNs);
}
