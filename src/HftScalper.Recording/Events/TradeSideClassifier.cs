using HftScalper.Core.Events;

namespace HftScalper.Recording.Events;

/// <summary>
/// Infers a trade's aggressor side for sources whose trades do not carry one (Lean equity ticks): the Lee-Ready
/// rule. A trade above the mid of the quote it printed against was bought, below it sold; a trade at the mid (or
/// with no quote yet) takes the tick test against the previous trade price (an uptick bought, a downtick sold, a
/// zero tick the last non-zero tick's side). A trade neither rule can sign stays <see cref="Side.None"/>, which
/// consumers read as "unknown" (no signed flow, no queue consumed), never as one side.
/// </summary>
/// <remarks>
/// Why: a side-less trade was counted as a sell by the trade-flow features and as a buy aggressor by the paper
/// exchange, so on Lean input every trade-sign feature read "all sells" and resting paper bids never filled from
/// trades. Prices are integer ticks; the mid is compared doubled to stay in integers.
/// </remarks>
internal sealed class TradeSideClassifier
{
    private long _bid, _ask, _lastPrice;
    private Side _lastTickSide;

    /// <summary>Trades signed by the quote rule (above or below the mid).</summary>
    public long ByQuote { get; private set; }

    /// <summary>Trades signed by the tick test (at the mid, or before the first quote).</summary>
    public long ByTick { get; private set; }

    /// <summary>Trades left unsigned (at the mid with no previous price move).</summary>
    public long Unsigned { get; private set; }

    /// <summary>The quote later trades print against (the last one the source emitted).</summary>
    public void OnQuote(long bid, long ask)
    {
        _bid = bid;
        _ask = ask;
    }

    /// <summary>Forgets quotes and prices (a new trading day), keeping the counts.</summary>
    public void Reset()
    {
        _bid = _ask = _lastPrice = 0;
        _lastTickSide = Side.None;
    }

    /// <summary>The aggressor side of a trade at <paramref name="price"/>, and the tick state moved on.</summary>
    public Side Classify(long price)
    {
        Side tick = _lastPrice == 0 || price == _lastPrice ? _lastTickSide : price > _lastPrice ? Side.Bid : Side.Ask;
        _lastPrice = price;
        _lastTickSide = tick;
        if (_bid > 0 && _ask > _bid)
        {
            long twice = price * 2, mid2 = _bid + _ask;
            if (twice > mid2) { ByQuote++; return Side.Bid; }
            if (twice < mid2) { ByQuote++; return Side.Ask; }
        }
        if (tick == Side.None) { Unsigned++; return Side.None; }
        ByTick++;
        return tick;
    }
}
