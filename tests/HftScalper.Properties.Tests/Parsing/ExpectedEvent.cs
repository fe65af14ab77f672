using HftScalper.Core.Events;

namespace HftScalper.Properties.Tests.Parsing;

/// <summary>The fields of a <see cref="MarketEvent"/> a message determines, by kind (aliased fields read by name).</summary>
internal readonly record struct ExpectedEvent(
    MarketEventKind Kind, Side Side, long Price, long Qty, long AskPrice, long AskQty, long UpdateId, long FirstId,
    int SymbolId, long ExchangeNs)
{
    /// <summary>Projects a parsed event onto the fields its kind defines.</summary>
    public static ExpectedEvent Of(in MarketEvent e) => e.Kind switch
    {
        MarketEventKind.TopOfBook => new(e.Kind, Side.None, e.Price, e.Quantity, e.AskPrice, e.AskQuantity, e.UpdateId, 0, e.SymbolId, e.ExchangeTimeNs),
        MarketEventKind.SnapshotLevel => new(e.Kind, e.Side, e.Price, e.Quantity, 0, 0, e.UpdateId, 0, e.SymbolId, e.ExchangeTimeNs),
        _ => new(e.Kind, e.Side, e.Price, e.Quantity, 0, 0, e.UpdateId, e.FirstUpdateId, e.SymbolId, e.ExchangeTimeNs),
    };
}
