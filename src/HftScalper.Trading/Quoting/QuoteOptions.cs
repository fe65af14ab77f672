using HftScalper.Core.Settings;

namespace HftScalper.Trading.Quoting;

/// <summary>
/// Settings of the <see cref="QuoteManager"/> (init-only): what happens to a resting post-only entry and to an open
/// position afterwards. Times are ns of the run's clock; prices are ticks of the symbol.
/// </summary>
public sealed record QuoteOptions
{
    /// <summary>The model's horizon: a resting entry whose expected time to fill exceeds it is cancelled, and a
    /// position is closed (time stop) once it is this old. Default 2 s (the bundled model's horizon).</summary>
    public long HorizonNs { get; init; } = 2_000_000_000;

    /// <summary>Minimum time an order rests before a reprice or an unlikely-fill cancel (no flicker on every book
    /// change). A flip of the signal cancels at once. Default 100 ms (the depth stream's update interval).</summary>
    public long MinRestNs { get; init; } = 100_000_000;

    /// <summary>Whether a resting entry follows the touch when it moves away (Replace to the new best of our side,
    /// never crossing). Default true.</summary>
    public bool Reprice { get; init; } = true;

    /// <summary>How far (basis points of the entry's first price) a resting entry may follow the touch away from
    /// where it was first placed; a reprice beyond it cancels instead (<see cref="QuoteManager.ChaseCancels"/>) and the
    /// symbol cools down. A touch moving away from a bid is the up-move the model predicted happening without us:
    /// chasing it buys after the move, and the chased quote fills when the move turns (adverse selection). 0 = no
    /// limit (follow the touch). Default 0.</summary>
    public double MaxChaseBps { get; init; }

    /// <summary>Cancel a resting entry when (queue ahead + our quantity) / traded rate on our side exceeds
    /// <see cref="HorizonNs"/> x this factor. 0 = never cancel on queue position. Default 1.</summary>
    public double FillHorizonFactor { get; init; } = 1;

    /// <summary>Time constant of the traded-volume rate estimate (exponentially weighted), ns. Default 30 s.</summary>
    public long RateWindowNs { get; init; } = 30_000_000_000;

    /// <summary>After an unlikely-fill cancel or a stop, no new entry on that symbol for this long (counted as
    /// <see cref="Risk.RiskVerdict.QuoteCooldown"/>), so the same doomed quote is not posted again at once. Default 1 s.</summary>
    public long CooldownNs { get; init; } = 1_000_000_000;

    /// <summary>Passive take-profit: a reduce-only post-only order this many exchange ticks
    /// (<see cref="Core.Symbols.SymbolInfo.TickSize"/>) beyond the average entry price, on the tick grid (at least one tick
    /// from our side's touch, so it never crosses). 0 = none. Default 0.</summary>
    public long TakeProfitTicks { get; init; }

    /// <summary>Take-profit target in basis points of the average entry price, added to <see cref="TakeProfitTicks"/>
    /// (rounded up to whole ticks; portable across symbols whose ticks differ). 0 = none. Default 0.</summary>
    public double TakeProfitBps { get; init; }

    /// <summary>Adverse-move stop distance in basis points of the average entry price, added to
    /// <see cref="StopLossTicks"/> (rounded up to whole ticks). 0 = none. Default 0.</summary>
    public double StopLossBps { get; init; }

    /// <summary>Time stop: close a position older than <see cref="HorizonNs"/> x this factor with a taker order
    /// (the risk's exit order type). 0 = none. Default 0.</summary>
    public double TimeStopFactor { get; init; }

    /// <summary>Adverse-move stop: close with a taker order when the mark (bid for a long, ask for a short) is this many
    /// exchange ticks worse than the average entry price. 0 = none. Default 0.</summary>
    public long StopLossTicks { get; init; }

    /// <summary>Orders the manager follows at once (pre-allocated table). Default 64.</summary>
    public int Capacity { get; init; } = 64;

    /// <summary>Checks every setting's range; errors name the key as <paramref name="keyPrefix"/> + camelCase.</summary>
    public void Validate(string keyPrefix = "")
    {
        const long hour = 3_600_000_000_000;
        SettingRange.Check(keyPrefix + "horizonNs", HorizonNs, 1, hour);
        SettingRange.Check(keyPrefix + "minRestNs", MinRestNs, 0, hour);
        SettingRange.Check(keyPrefix + "fillHorizonFactor", FillHorizonFactor, 0, 1e6);
        SettingRange.Check(keyPrefix + "rateWindowNs", RateWindowNs, 1_000_000, hour);
        SettingRange.Check(keyPrefix + "cooldownNs", CooldownNs, 0, hour);
        SettingRange.Check(keyPrefix + "takeProfitTicks", TakeProfitTicks, 0, 1_000_000_000);
        SettingRange.Check(keyPrefix + "timeStopFactor", TimeStopFactor, 0, 1e6);
        SettingRange.Check(keyPrefix + "stopLossTicks", StopLossTicks, 0, 1_000_000_000);
        SettingRange.Check(keyPrefix + "takeProfitBps", TakeProfitBps, 0, 10_000);
        SettingRange.Check(keyPrefix + "stopLossBps", StopLossBps, 0, 10_000);
        SettingRange.Check(keyPrefix + "maxChaseBps", MaxChaseBps, 0, 10_000);
        SettingRange.Check(keyPrefix + "capacity", Capacity, 1, 1 << 16);
    }
}
