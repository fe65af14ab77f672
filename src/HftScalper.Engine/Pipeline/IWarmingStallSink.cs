namespace HftScalper.Engine.Pipeline;

/// <summary>
/// Hears a warming stall (<see cref="WarmingStallWatch"/>) on the inference thread the moment a row makes it one: at
/// most once per symbol streak, never per row. An implementation must not block that thread.
/// </summary>
internal interface IWarmingStallSink
{
    /// <summary><paramref name="symbol"/> has been warming for over <paramref name="limitNs"/> of exchange time at
    /// <paramref name="timeNs"/>; <paramref name="unsynced"/> when none of its rows had a synced book.</summary>
    void OnStall(int symbol, long timeNs, long limitNs, bool unsynced);
}
