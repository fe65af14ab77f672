using HftScalper.Core.Symbols;

namespace HftScalper.Recording.Journal;

/// <summary>
/// A symbol as listed in a segment header: its full specification (everything <see cref="SymbolInfo"/> holds that
/// the parser, features and risk checks read), so a journal, or any one of its segments, replays without outside
/// metadata and decides exactly as the original recording did.
/// </summary>
/// <param name="Id">Symbol id used in the records.</param>
/// <param name="Name">Venue symbol, upper case.</param>
/// <param name="Venue">Venue and market, e.g. <c>binance-spot</c>.</param>
/// <param name="PriceDecimals">Decimal places of one price unit.</param>
/// <param name="QuantityDecimals">Decimal places of one quantity unit.</param>
/// <param name="TickSize">Minimum price increment in price units (header version 1: absent, read as 1).</param>
/// <param name="LotSize">Minimum quantity increment in quantity units (version 1: read as 1).</param>
/// <param name="MinQuantity">Minimum order quantity in quantity units (version 1: read as 0).</param>
/// <param name="MinNotional">Minimum order notional in units of 10^-(PriceDecimals+QuantityDecimals) (version 1: read as 0).</param>
public sealed record JournalSymbol(int Id, string Name, string Venue, int PriceDecimals, int QuantityDecimals,
    long TickSize = 1, long LotSize = 1, long MinQuantity = 0, long MinNotional = 0)
{
    /// <summary>The header entry of a registered symbol.</summary>
    public static JournalSymbol From(SymbolInfo s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(s.Id, s.Name, s.Venue, s.PriceDecimals, s.QuantityDecimals, s.TickSize, s.LotSize, s.MinQuantity, s.MinNotional);
    }

    /// <summary>True when <paramref name="s"/> has this entry's specification (the id aside).</summary>
    public bool SameSpecAs(SymbolInfo s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Name == Name && s.Venue == Venue && s.PriceDecimals == PriceDecimals && s.QuantityDecimals == QuantityDecimals && s.TickSize == TickSize
            && s.LotSize == LotSize && s.MinQuantity == MinQuantity && s.MinNotional == MinNotional;
    }
}
