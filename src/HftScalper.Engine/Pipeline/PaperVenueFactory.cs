using HftScalper.Binance.Sync;
using HftScalper.Core.Symbols;
using HftScalper.Trading.Execution;

namespace HftScalper.Engine.Pipeline;

/// <summary>The default gateway of a run: a <see cref="PaperVenue"/> with the given exchange and book-sync settings,
/// knowing the run's symbols (spot ones sell only what is held unless <see cref="PaperExchangeOptions.SpotMargin"/>).</summary>
public sealed class PaperVenueFactory(PaperExchangeOptions exchange, BookSyncOptions books) : IExecutionGatewayFactory
{
    /// <summary>The feed's quote is the market state (<see cref="Core.Feeds.IMarketEventFeed.QuoteIsMarketState"/>):
    /// the venue fills against the last valid quote while a symbol has no synced depth book.</summary>
    public bool QuoteIsMarketState { get; init; }

    /// <inheritdoc />
    public IExecutionGateway Create(SymbolRegistry symbols, IExecutionReportSink reports)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        return new PaperVenue(new PaperExchange(reports, exchange, symbols), new BookSynchronizer(books), symbols.Count, QuoteIsMarketState);
    }
}
