namespace HftScalper.Reporting.Fills;

/// <summary>
/// One row of the trades file (one fill), in the units a reader wants: prices and quantities as decimals of the
/// symbol, fee in the quote currency, markouts in bps of the fill price (side x (mid(t+h) - price) / price; NaN =
/// unresolved: the run ended first). Probabilities are the model's at the decision that sent the order (NaN when no
/// model scored it: fallback signal or a kill-switch flatten).
/// </summary>
public sealed record TradeFileRow
{
    /// <summary>Exchange time of the fill, ns since the Unix epoch.</summary>
    public long TimeNs { get; init; }

    /// <summary>Symbol name.</summary>
    public string Symbol { get; init; } = "";

    /// <summary>buy or sell.</summary>
    public string Side { get; init; } = "";

    /// <summary>Fill price.</summary>
    public double Price { get; init; }

    /// <summary>Fill quantity (base asset).</summary>
    public double Quantity { get; init; }

    /// <summary>maker or taker.</summary>
    public string Liquidity { get; init; } = "";

    /// <summary>Fee in the quote currency (negative = rebate).</summary>
    public double Fee { get; init; }

    /// <summary>Our client order id.</summary>
    public long OrderId { get; init; }

    /// <summary>P(down) at the order's decision.</summary>
    public double PDown { get; init; }

    /// <summary>P(flat) at the order's decision.</summary>
    public double PFlat { get; init; }

    /// <summary>P(up) at the order's decision.</summary>
    public double PUp { get; init; }

    /// <summary>Mid just before the fill.</summary>
    public double Mid { get; init; }

    /// <summary>Position after the fill (base asset, signed).</summary>
    public double PositionAfter { get; init; }

    /// <summary>Markouts in bps, one per horizon of the file (see <see cref="TradesFile"/>).</summary>
    public double[] MarkoutBps { get; init; } = [];

    /// <summary>Value equality including the markouts (NaN equals NaN).</summary>
    public bool Equals(TradeFileRow? other) =>
        other is not null && TimeNs == other.TimeNs && Symbol == other.Symbol && Side == other.Side && Price.Equals(other.Price)
        && Quantity.Equals(other.Quantity) && Liquidity == other.Liquidity && Fee.Equals(other.Fee) && OrderId == other.OrderId
        && PDown.Equals(other.PDown) && PFlat.Equals(other.PFlat) && PUp.Equals(other.PUp) && Mid.Equals(other.Mid)
        && PositionAfter.Equals(other.PositionAfter) && MarkoutBps.AsSpan().SequenceEqual(other.MarkoutBps);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(TimeNs, Symbol, Price, Quantity, OrderId);
}
