using HftScalper.Binance.Live;

namespace HftScalper.Cli.Commands;

/// <summary>Parsed arguments of <c>hft record</c>.</summary>
/// <param name="Symbols">Symbols to record.</param>
/// <param name="Market">Spot, USD-M or COIN-M futures.</param>
/// <param name="Out">Journal folder.</param>
/// <param name="StreamBase">WebSocket base override.</param>
/// <param name="RestBase">REST base override.</param>
/// <param name="Duration">Stop after this long (null: until cancelled).</param>
/// <param name="Json">Print one JSON object at the end.</param>
internal sealed record RecordCommandArgs(IReadOnlyList<string> Symbols, BinanceMarket Market, string Out, Uri? StreamBase, Uri? RestBase,
    TimeSpan? Duration, bool Json);
