namespace HftScalper.Recording.Journal;

/// <summary>A symbol as listed in a segment header, so a journal can be replayed without outside metadata.</summary>
/// <param name="Id">Symbol id used in the records.</param>
/// <param name="Name">Venue symbol, upper case.</param>
/// <param name="Venue">Venue and market, e.g. <c>binance-spot</c>.</param>
/// <param name="PriceDecimals">Decimal places of one price unit.</param>
/// <param name="QuantityDecimals">Decimal places of one quantity unit.</param>
public sealed record JournalSymbol(int Id, string Name, string Venue, int PriceDecimals, int QuantityDecimals);
