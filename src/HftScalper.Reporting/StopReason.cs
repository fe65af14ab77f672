using HftScalper.Trading.Risk;

namespace HftScalper.Reporting;

/// <summary>
/// Why trading stopped when it did, from the risk verdicts (<see cref="VerdictRecorder"/>). Trading "went on to the
/// end" when the last order was sent within <see cref="QuietFraction"/> of the run's decision span (and at most
/// <see cref="QuietMinSeconds"/> earlier counts as the end too); otherwise the verdicts after the last order say what
/// refused: the kill switch first, then the daily loss limit, else the most frequent refusing verdict (the three Kelly
/// terms of <c>noEdge</c> counted together, <see cref="Verdict"/> naming the most frequent), where a flat
/// signal (noAction), being at target (atTarget) and a sell signal with nothing to sell on spot (shortOnSpot: the
/// strategy could still buy) do not refuse. Codes:
/// <c>endOfData</c>, <c>killSwitch</c>, <c>dailyLossLimit</c>, <c>noEdge</c> (Kelly fraction at or below zero; <see cref="Verdict"/>
/// names the term: <c>noEdge</c> the model's probability itself, <c>noEdgeWinRate</c> the run's win rate,
/// <c>noEdgePayoff</c> its payoff ratio),
/// <c>edgeBelowCost</c> (the expected-value gate: the expected move does not pay fees, spread, slippage or adverse
/// selection, or clear the margin), <c>venueNotReady</c> (live: streams, clock or reconciliation),
/// <c>limit</c> (a position, notional, open-order, rate, size or price limit: <see cref="Verdict"/> says which),
/// <c>marketData</c> (book not synced, stale feed, no market; a symbol's refusals before its book first synced do not
/// count when it synced later: <see cref="VerdictRecorder.WarmupSinceLastOrder"/>), <c>model</c> (model unhealthy, fallback not allowed),
/// <c>invalidSignal</c>, <c>noSignal</c> (only flat signals), <c>noDecisions</c>, <c>entryWindow</c> (the configured
/// entry window ended).
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
        if (verdicts.Judged == 0)
            return new StopReason("notTraded", "", "no decision reached risk: their symbols were not on the trading desk (see tradingDisabled and untradedSymbols)", 0);
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

        var top = MostFrequentRefusal(verdicts, out long best);
        if (best == 0) return new StopReason("noSignal", Name(RiskVerdict.NoAction), $"the signal stayed flat, at target or short on spot ({when})", quiet);
        string share = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{best} refusals since");
        return CodeOf(top) switch
        {
            "noEdge" => new StopReason("noEdge", Name(top), $"Kelly sizing found no edge: {KellyTerm(top)} ({when}; {share} the last order)", quiet),
            "edgeBelowCost" => new StopReason("edgeBelowCost", Name(top),
                $"the expected move did not pay the costs: {Name(top)} ({when}; {share} the last order)", quiet),
            "venueNotReady" => new StopReason("venueNotReady", Name(top), $"the live venue was not ready (streams, clock or reconciliation) ({when})", quiet),
            "marketData" => new StopReason("marketData", Name(top), $"market data refused trading: {Name(top)} ({when})", quiet),
            "model" => top == RiskVerdict.ModelWarming
                ? new StopReason("model", Name(top), $"the sequence model's windows were still filling: no prediction yet ({when})", quiet)
                : new StopReason("model", Name(top), $"the model could not be used: {Name(top)} ({when})", quiet),
            "invalidSignal" => new StopReason("invalidSignal", Name(top), $"signals were invalid ({when})", quiet),
            "entryWindow" => new StopReason("entryWindow", Name(top), $"the configured entry window (risk.entriesFromNs/entriesUntilNs) ended ({when})", quiet),
            _ => new StopReason("limit", Name(top), $"a risk limit refused the orders: {Name(top)} ({when}; {share} the last order)", quiet),
        };
    }

    // The verdict that refused most since the last order (a symbol's market-data refusals before its book first synced
    // left out: every recording starts unsynced, and a run whose model never signalled had read "market data refused
    // trading: bookNotSynced" from its first 38 decisions), where noEdge's three Kelly terms count together (one reason,
    // one verdict before the terms were split) and the most frequent of them is named; best = the refusals counted
    // (0: none). Ties keep enum order, so the Kelly family (NoEdge = 2) wins one.
    private static RiskVerdict MostFrequentRefusal(VerdictRecorder verdicts, out long best)
    {
        RiskVerdict top = RiskVerdict.NoAction, kellyTop = RiskVerdict.NoEdge;
        long kelly = 0, kellyMost = 0;
        best = 0;
        foreach (var v in Enum.GetValues<RiskVerdict>())
        {
            if (!Refuses(v)) continue;
            long n = verdicts.SinceLastOrder(v) - verdicts.WarmupSinceLastOrder(v);
            if (CodeOf(v) == "noEdge")
            {
                kelly += n;
                if (n > kellyMost)
                {
                    kellyMost = n;
                    kellyTop = v;
                }
            }
            else if (n > best)
            {
                best = n;
                top = v;
            }
        }
        if (kelly > 0 && kelly >= best)
        {
            best = kelly;
            top = kellyTop;
        }
        return top;
    }

    // A flat signal, being at target and a sell with nothing to sell on spot do not refuse (the strategy could still buy).
    private static bool Refuses(RiskVerdict v) => v is not (RiskVerdict.Accept or RiskVerdict.NoAction or RiskVerdict.AtTarget or RiskVerdict.ShortOnSpot);

    // The stop-reason code of a refusing verdict ("limit": position, notional, open-order, rate, size and price limits).
    private static string CodeOf(RiskVerdict v) => v switch
    {
        RiskVerdict.NoEdge or RiskVerdict.NoEdgeWinRate or RiskVerdict.NoEdgePayoff => "noEdge",
        RiskVerdict.EdgeBelowFees or RiskVerdict.EdgeBelowSpread or RiskVerdict.EdgeBelowSlippage or RiskVerdict.EdgeBelowAdverseSelection
            or RiskVerdict.MakerFillUnlikely or RiskVerdict.EdgeBelowMargin => "edgeBelowCost",
        RiskVerdict.VenueNotReady => "venueNotReady",
        RiskVerdict.BookNotSynced or RiskVerdict.FeedStale or RiskVerdict.NoMarket => "marketData",
        RiskVerdict.ModelUnhealthy or RiskVerdict.FallbackNotAllowed or RiskVerdict.ModelWarming => "model",
        RiskVerdict.InvalidSignal => "invalidSignal",
        RiskVerdict.KillSwitchHalted or RiskVerdict.KillSwitchTripped => "killSwitch",
        RiskVerdict.DailyLossLimit => "dailyLossLimit",
        RiskVerdict.OutsideEntryWindow => "entryWindow",
        _ => "limit",
    };

    private static string KellyTerm(RiskVerdict v) => v switch
    {
        RiskVerdict.NoEdgeWinRate => "the run's win rate, shrunk toward the model's probability, leaves a Kelly fraction at or below zero (noEdgeWinRate)",
        RiskVerdict.NoEdgePayoff => "the run's payoff ratio (mean win / mean loss), shrunk toward the prior, leaves a Kelly fraction at or below zero (noEdgePayoff)",
        _ => "the signal's probability at the prior payoff ratio gives a Kelly fraction at or below zero (noEdge)",
    };

    /// <summary>camelCase name of a verdict, as in <c>riskVerdicts</c>.</summary>
    public static string Name(RiskVerdict v)
    {
        string s = v.ToString();
        return char.ToLowerInvariant(s[0]) + s[1..];
    }
}
