using HftScalper.Trading.Risk;

namespace HftScalper.Trading.Economics;

/// <summary>
/// Expected value of an entry net of costs, in basis points of the mid (pure functions, no allocation). With
/// <c>m</c> the expected mid move in the trade's direction, <c>h</c> half the spread, <c>f_t</c>/<c>f_m</c> the taker
/// and maker fees (ppm / 100), and the exit assumed to take liquidity at the touch (risk's exit type):
/// <code>
/// taker EV = m - (f_t + f_t) - (h + h) - slippage                       fees, spread in and out, levels walked
/// maker EV = m - (f_m + f_t) - (h - h) - adverse selection              given a fill; the entry earns h, the exit pays it
/// P(fill)  = 1 - exp(-V / (Q + q))                                       V = touch flow x horizon, Q = queue ahead, q = size
/// adverse  = (1 - P(fill)) x 2h + a                                      fills the flow does not explain come with the level
///                                                                        taken out: the mid a spread against us; a = the
///                                                                        configured move against a passive fill (on a
///                                                                        one-tick book 2h is ~0, yet a passive fill is the
///                                                                        one the market turned against)
/// </code>
/// Slippage walks the visible levels from the touch for the order's size up to the taker's limit price (quantity
/// beyond the limit does not fill, so it costs nothing; beyond the visible levels it is priced at the last visible
/// level): <c>(average fill price - touch) / mid</c>. The queue ahead is the visible quantity at our best (we join
/// behind it); the flow is what traded at that side's touch recently (see <see cref="TouchFlow"/>).
/// </summary>
public static class EdgeModel
{
    /// <summary>Fills <paramref name="edge"/> for <paramref name="inputs"/> with <paramref name="depth"/> (counts 0 = only the touch known).</summary>
    public static void Estimate(in EdgeInputs inputs, in BookDepth depth, out EdgeEstimate edge)
    {
        edge = default;
        double mid = (inputs.BidTicks + inputs.AskTicks) * 0.5;
        double bpsPerTick = mid > 0 ? 1e4 / mid : 0;
        double h = (inputs.AskTicks - inputs.BidTicks) * 0.5 * bpsPerTick;
        double ft = inputs.Fees.TakerPpm / 100.0, fm = inputs.Fees.MakerPpm / 100.0;
        bool buy = inputs.Direction > 0;
        edge.Direction = buy ? 1 : -1;
        edge.ExpectedMoveBps = buy ? inputs.ExpectedMoveBps : -inputs.ExpectedMoveBps;
        edge.HalfSpreadBps = h;
        edge.TakerFeesBps = ft + ft;
        edge.MakerFeesBps = fm + ft;
        edge.TakerSpreadBps = h + h;
        long touch = buy ? inputs.AskTicks : inputs.BidTicks;
        edge.SlippageBps = buy
            ? WalkCost(depth.Asks, depth.AskCount, touch, inputs.QuantityLots, inputs.TakerLimitTicks, +1) * bpsPerTick
            : WalkCost(depth.Bids, depth.BidCount, touch, inputs.QuantityLots, inputs.TakerLimitTicks, -1) * bpsPerTick;
        double queue = QueueAhead(in depth, buy, buy ? inputs.BidTicks : inputs.AskTicks);
        edge.MakerFillProbability = FillProbability(queue, inputs.QuantityLots, inputs.TouchFlowLotsPerSecond, inputs.HorizonNs);
        edge.AdverseSelectionBps = (1 - edge.MakerFillProbability) * 2 * h + Math.Max(0, inputs.MakerAdverseSelectionBps);
        edge.TakerEvBps = edge.ExpectedMoveBps - edge.TakerFeesBps - edge.TakerSpreadBps - edge.SlippageBps;
        edge.MakerEvBps = edge.ExpectedMoveBps - edge.MakerFeesBps - edge.AdverseSelectionBps;
    }

    /// <summary>
    /// The route to enter by and, when none, the verdict naming the term that refused it. A maker entry is chosen when
    /// <paramref name="makerAllowed"/>, its EV exceeds <paramref name="marginBps"/> and its fill probability reaches
    /// <paramref name="minFillProbability"/>; else a taker entry when <paramref name="takerAllowed"/> and its EV
    /// exceeds the margin. Refused: <see cref="RiskVerdict.MakerFillUnlikely"/> when the maker's EV clears the margin
    /// but its fill is too unlikely; else the route with the higher EV names the first of its cost terms, in the order
    /// of the formulas, that the move does not cover (<see cref="RiskVerdict.EdgeBelowFees"/>,
    /// <see cref="RiskVerdict.EdgeBelowSpread"/>, <see cref="RiskVerdict.EdgeBelowSlippage"/>,
    /// <see cref="RiskVerdict.EdgeBelowAdverseSelection"/>), or <see cref="RiskVerdict.EdgeBelowMargin"/> when it covers
    /// them all but the net EV does not exceed the margin.
    /// </summary>
    public static EntryRoute Choose(in EdgeEstimate edge, double marginBps, double minFillProbability, bool makerAllowed, bool takerAllowed,
        out RiskVerdict refusal)
    {
        refusal = RiskVerdict.Accept;
        bool makerClears = makerAllowed && edge.MakerEvBps > marginBps;
        if (makerClears && edge.MakerFillProbability >= minFillProbability) return EntryRoute.Maker;
        if (takerAllowed && edge.TakerEvBps > marginBps) return EntryRoute.Taker;
        if (makerClears)
        {
            refusal = RiskVerdict.MakerFillUnlikely;
            return EntryRoute.None;
        }
        double m = edge.ExpectedMoveBps;
        if (JudgesMaker(in edge, makerAllowed, takerAllowed))
            refusal = m <= edge.MakerFeesBps ? RiskVerdict.EdgeBelowFees
                : m <= edge.MakerFeesBps + edge.AdverseSelectionBps ? RiskVerdict.EdgeBelowAdverseSelection
                : RiskVerdict.EdgeBelowMargin;
        else
            refusal = m <= edge.TakerFeesBps ? RiskVerdict.EdgeBelowFees
                : m <= edge.TakerFeesBps + edge.TakerSpreadBps ? RiskVerdict.EdgeBelowSpread
                : m <= edge.TakerFeesBps + edge.TakerSpreadBps + edge.SlippageBps ? RiskVerdict.EdgeBelowSlippage
                : RiskVerdict.EdgeBelowMargin;
        return EntryRoute.None;
    }

    /// <summary>Whether a refused entry is judged (its verdict named) on the maker route: the maker is allowed and either
    /// the taker is not or the maker's EV is at least the taker's (<see cref="Choose"/>).</summary>
    public static bool JudgesMaker(in EdgeEstimate edge, bool makerAllowed, bool takerAllowed) =>
        makerAllowed && (!takerAllowed || edge.MakerEvBps >= edge.TakerEvBps);

    /// <summary>P(fill) = 1 - exp(-V / (Q + q)) with V = <paramref name="flowLotsPerSecond"/> x horizon: the expected
    /// traded volume at the touch over the horizon against the quantity that must trade before our last lot fills.
    /// Unknown flow (0, NaN) gives 0.</summary>
    public static double FillProbability(double queueAheadLots, long quantityLots, double flowLotsPerSecond, long horizonNs)
    {
        double need = Math.Max(0, queueAheadLots) + Math.Max(1, quantityLots);
        double volume = flowLotsPerSecond * (horizonNs / 1e9);
        if (!(volume > 0)) return 0;
        return 1 - Math.Exp(-volume / need);
    }

    /// <summary>Visible quantity at our own best (the price a post-only order joins): the first level of that side
    /// when it is at <paramref name="bestTicks"/>, else 0.</summary>
    private static double QueueAhead(in BookDepth depth, bool buy, long bestTicks)
    {
        if (buy) return depth.BidCount > 0 && depth.Bids[0].Price == bestTicks ? depth.Bids[0].Quantity : 0;
        return depth.AskCount > 0 && depth.Asks[0].Price == bestTicks ? depth.Asks[0].Quantity : 0;
    }

    /// <summary>
    /// Average extra price over <paramref name="touch"/> (ticks, >= 0) of taking <paramref name="quantity"/> lots from
    /// <paramref name="levels"/> (best first; <paramref name="sign"/> +1 asks, -1 bids), stopping at
    /// <paramref name="limit"/> (0 = none). Quantity beyond the visible levels is priced at the last one. Averaged
    /// over the quantity that fills.
    /// </summary>
    public static double WalkCost(ReadOnlySpan<Native.BookLevel> levels, int count, long touch, long quantity, long limit, int sign)
    {
        if (quantity <= 0 || count <= 0) return 0;
        long left = quantity, filled = 0;
        double extra = 0;
        long last = touch;
        for (int i = 0; i < count && left > 0; i++)
        {
            long price = levels[i].Price;
            if (limit > 0 && sign * (price - limit) > 0) { left = 0; break; }
            long take = Math.Min(left, levels[i].Quantity);
            extra += (double)take * sign * (price - touch);
            filled += take;
            left -= take;
            last = price;
        }
        if (left > 0 && (limit <= 0 || sign * (last - limit) <= 0))
        {
            extra += (double)left * sign * (last - touch);
            filled += left;
        }
        return filled > 0 ? Math.Max(0, extra / filled) : 0;
    }
}
