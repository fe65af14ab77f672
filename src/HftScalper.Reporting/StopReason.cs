using HftScalper.Trading.Risk;

namespace HftScalper.Reporting;

/// <summary>
/// Why trading stopped when it did, from the risk verdicts (<see cref="VerdictRecorder"/>). Trading "went on to the
/// end" when the last order was sent within <see cref="QuietFraction"/> of the run's decision span (and at most
/// <see cref="QuietMinSeconds"/> earlier counts as the end too); otherwise the verdicts after the last order say what
/// refused: the kill switch first, then the daily loss limit, else the most frequent refusing verdict, where a flat
/// signal (noAction), being at target (atTarget) and a sell signal with nothing to sell on spot (shortOnSpot: the
/// strategy could still buy) do not refuse. Codes:
/// <c>endOfData</c>, <c>killSwitch</c>, <c>dailyLossLimit</c>, <c>noEdge</c> (Kelly fraction at or below zero),
/// <c>edgeBelowCost</c> (the expected-value gate: the expected move does not pay fees, spread, slippage or adverse
/// selection, or clear the margin), <c>venueNotReady</c> (live: streams, clock or reconciliation),
/// <c>limit</c> (a position, notional, open-order, rate, size or price limit: <see cref="Verdict"/> says which),
/// <c>marketData</c> (book not synced, stale feed, no market), <c>model</c> (model unhealthy, fallback not allowed),
/// <c>invalidSignal</c>, <c>noSignal</c> (only flat signals), <c>noDecisions</c>.
/// </summary>
public sealed record StopReason(string Code, string Verdict, string Text, double SecondsWithoutOrders)
{
    /// <summary>Share of the decision span without orders at the end that still counts as trading to the end.</summary>
    public const double QuietFraction = 0.05;

    /// <summary>Seconds without orders at the end that always count as trading to the end.</summary>
    public const double QuietMinSeconds = 60;

    /// <summary>Derives the reason from a run's verdicts.</summary>
    public static StopReason Of(VerdictRecorder verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        if (verdicts.Decisions == 0) return new StopReason("noDecisions", "", "no decision was taken", 0);
        double span = (verdicts.LastTimeNs - verdicts.FirstTimeNs) / 1e9;
        double quiet = (verdicts.LastTimeNs - (verdicts.Orders > 0 ? verdicts.LastOrderTimeNs : verdicts.FirstTimeNs)) / 1e9;
        string when = verdicts.Orders > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"no order in the last {quiet:F0} s of {span:F0} s")
            : "no order was ever sent";
        if (verdicts.Orders > 0 && quiet <= Math.Max(QuietMinSeconds, QuietFraction * span))
            return new StopReason("endOfData", "", string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"trading went on to the end of the data (last order {quiet:F0} s before the end)"), quiet);

        long halted = verdicts.SinceLastOrder(RiskVerdict.KillSwitchHalted) + verdicts.SinceLastOrder(RiskVerdict.KillSwitchTripped);
        if (halted > 0) return new StopReason("killSwitch", Name(RiskVerdict.KillSwitchHalted), $"the drawdown kill switch halted trading ({when})", quiet);
        if (verdicts.SinceLastOrder(RiskVerdict.DailyLossLimit) > 0)
            return new StopReason("dailyLossLimit", Name(RiskVerdict.DailyLossLimit), $"the daily loss limit was hit ({when})", quiet);

        RiskVerdict top = RiskVerdict.NoAction;
        long best = 0;
        foreach (var v in Enum.GetValues<RiskVerdict>())
        {
            if (v is RiskVerdict.Accept or RiskVerdict.NoAction or RiskVerdict.AtTarget or RiskVerdict.ShortOnSpot) continue;
            long n = verdicts.SinceLastOrder(v);
            if (n > best)
            {
                best = n;
                top = v;
            }
        }
        if (best == 0) return new StopReason("noSignal", Name(RiskVerdict.NoAction), $"the signal stayed flat, at target or short on spot ({when})", quiet);
        string share = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{best} refusals since");
        return top switch
        {
            RiskVerdict.NoEdge => new StopReason("noEdge", Name(top),
                $"Kelly sizing found no edge: the signal's probability and the run's payoff ratio give a Kelly fraction at or below zero ({when}; {share} the last order)", quiet),
            RiskVerdict.EdgeBelowFees or RiskVerdict.EdgeBelowSpread or RiskVerdict.EdgeBelowSlippage or RiskVerdict.EdgeBelowAdverseSelection
                or RiskVerdict.MakerFillUnlikely or RiskVerdict.EdgeBelowMargin => new StopReason("edgeBelowCost", Name(top),
                $"the expected move did not pay the costs: {Name(top)} ({when}; {share} the last order)", quiet),
            RiskVerdict.VenueNotReady => new StopReason("venueNotReady", Name(top), $"the live venue was not ready (streams, clock or reconciliation) ({when})", quiet),
            RiskVerdict.BookNotSynced or RiskVerdict.FeedStale or RiskVerdict.NoMarket =>
                new StopReason("marketData", Name(top), $"market data refused trading: {Name(top)} ({when})", quiet),
            RiskVerdict.ModelUnhealthy or RiskVerdict.FallbackNotAllowed =>
                new StopReason("model", Name(top), $"the model could not be used: {Name(top)} ({when})", quiet),
            RiskVerdict.ModelWarming => new StopReason("model", Name(top), $"the sequence model's windows were still filling: no prediction yet ({when})", quiet),
            RiskVerdict.InvalidSignal => new StopReason("invalidSignal", Name(top), $"signals were invalid ({when})", quiet),
            _ => new StopReason("limit", Name(top), $"a risk limit refused the orders: {Name(top)} ({when}; {share} the last order)", quiet),
        };
    }

    /// <summary>camelCase name of a verdict, as in <c>riskVerdicts</c>.</summary>
    public static string Name(RiskVerdict v)
    {
        string s = v.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
